# Skew of the measured minute, Events vs CronJobs: the fraction of runs created by each time after
# the slot. Input: target/bench/vs-cronjob-skew.dat (CronJobComparisonBenchmark).
set terminal svg size 820,480 dynamic background rgb 'white' font 'sans,12'
set output 'target/bench/vs-cronjob-skew.svg'
set title 'Slot -> run object created, one minute of 1,000 schedules (log scale)'
set xlabel 'milliseconds after the slot'
set ylabel 'fraction of runs created'
set logscale x
set yrange [0:1]
set key bottom right
set grid
plot 'target/bench/vs-cronjob-skew.dat' using 2:1 with lines lw 2 title 'Cronium: JobRun created', \
     '' using 3:1 with lines lw 2 title 'CronJob: Job created'
