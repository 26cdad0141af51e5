package io.cronium.operator.faults;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** How the benchmarks write many objects at once: indexed writes on a fixed number of clients. */
final class ParallelWrites {

  private ParallelWrites() {}

  /** Runs {@code write} for 0 to {@code count} - 1 on {@code clients} threads; the first failure is thrown. */
  static void run(int count, int clients, IntConsumer write) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      for (Future<Object> done : pool.invokeAll(IntStream.range(0, count)
          .<Callable<Object>>mapToObj(i -> Executors.callable(() -> write.accept(i))).toList())) {
        done.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
