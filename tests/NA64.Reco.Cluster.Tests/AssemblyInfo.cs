// Every test here runs a cluster of several processes on the machine's cores: one at a time, so that failure
// detectors and timeouts see the timings they were set for.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
