// Fixtures only read the chart and each helm run is its own process: run fixtures side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]

// The tests run helm and bash and check Unix file modes, as the Linux build agents do.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
