# Soak: the operator's RSS and threads, and the JobRuns and Pods kept, sampled each minute.
# Input: target/bench/soak.dat (SoakBenchmark).
set terminal svg size 820,480 dynamic background rgb 'white' font 'sans,12'
set output 'target/bench/soak.svg'
set title '200 every-minute Events: operator memory and what the cluster keeps'
set xlabel 'minute'
set ylabel 'RSS (MiB)'
set y2label 'threads / objects'
set yrange [0:*]
# Room above the history bound, where the runs and Pods kept level off.
stats 'target/bench/soak.dat' using 4 nooutput name 'RUNS'
stats 'target/bench/soak.dat' using 5 nooutput name 'PODS'
set y2range [0:1.25 * (RUNS_max > PODS_max ? RUNS_max : PODS_max)]
set ytics nomirror
set y2tics
set key below
set grid
plot 'target/bench/soak.dat' using 1:2 axes x1y1 with linespoints lw 2 title 'operator RSS (MiB)', \
     '' using 1:3 axes x1y2 with lines title 'operator threads', \
     '' using 1:4 axes x1y2 with lines title 'JobRuns', \
     '' using 1:5 axes x1y2 with lines title 'Pods'
