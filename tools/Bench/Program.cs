using InfoRadio.Bench;
using InfoRadio.Bench.Processes;
using InfoRadio.Bench.Scenarios;

// tools/Bench: each scenario measures in its own run and prints a last line "RESULT <scenario> key=value …".
// The "__controller" and "__agent" verbs are how a scenario starts the controller and agents as separate processes.
return args switch
{
    ["e2e", .. var rest] => await E2eScenario.RunAsync(BenchArgs.Parse(rest)),
    ["latency", .. var rest] => await LatencyScenario.RunAsync(BenchArgs.Parse(rest)),
    ["codec", .. var rest] => await CodecScenario.RunAsync(BenchArgs.Parse(rest)),
    ["footprint", .. var rest] => await FootprintScenario.RunAsync(BenchArgs.Parse(rest)),
    ["sync", .. var rest] => await SyncScenario.RunAsync(BenchArgs.Parse(rest)),
    ["schedule", .. var rest] => await ScheduleScenario.RunAsync(BenchArgs.Parse(rest)),
    ["program-start", .. var rest] => await ProgramStartScenario.RunAsync(BenchArgs.Parse(rest)),
    ["tts", .. var rest] => await TtsScenario.RunAsync(BenchArgs.Parse(rest)),
    ["emergency", .. var rest] => await EmergencyScenario.RunAsync(BenchArgs.Parse(rest)),
    ["acl", .. var rest] => await AclScenario.RunAsync(BenchArgs.Parse(rest)),
    ["reconnect", .. var rest] => await ReconnectScenario.RunAsync(BenchArgs.Parse(rest)),
    ["fanout", .. var rest] => await FanoutScenario.RunAsync(BenchArgs.Parse(rest)),
    ["offline", .. var rest] => await OfflineScenario.RunAsync(BenchArgs.Parse(rest)),
    ["__agents", .. var rest] => await AgentFleetHost.RunAsync(BenchArgs.Parse(rest)),
    ["__controller", .. var rest] => await ChildHosts.RunControllerAsync(rest),
    ["__agent", .. var rest] => await ChildHosts.RunAgentAsync(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tools/Bench -- <scenario> [--key value …]
          e2e   controller + agents as separate processes on loopback play a speech file;
                --agents 3 --seconds 10
          latency  a live announcement over /api/live to agents as separate processes; time from a sample
                entering the controller to it leaving each agent's sink; --agents 3 --seconds 20 --interval-ms 500
                [--latency-ms N to override the live profile's latency] [--verbose: every burst] [--keep: keep the files]
          codec  encode/decode speed (x realtime, one core): managed Concentus, native libopus, opusenc/opusdec;
                --seconds 60 --repeats 3 --complexity 10 --bitrate 32000
          footprint  RSS and CPU of one agent playing a broadcast from a real controller (null sink);
                --seconds 60 --settle 10 --idle 10 --host program|verb --native false --env DOTNET_X=1,DOTNET_Y=0
          sync  N agents in virtual time (real clock sync and playout, simulated links and sound cards): skew;
                --agents 20 --minutes 10 --warmup-s 900 --seed 1 --drift-ppm 100 --offset-s 5
                --base-min-ms 20 --base-max-ms 300 --jitter-ms 10 --spike-prob 0.01 --spike-ms 200
                --sync-s 10 --fast-ms 2000 --fast-while-playing true --per-minute false
          schedule  a calendar of short bulletins (some overlapped by an approved emergency on one agent's village) made
                through the REST API, aired by the controller's scheduler to agents as separate processes, in real time;
                aired/missed from the air ledger, checked against the sinks; start error at the sinks against each slot's start;
                --agents 3 --slots 50 --every-s 4 --seconds 2 --pair-every 10 --warmup-s 40 [--keep]
          program-start  a long stored program put on air, old path (decode all, encode all) against new (stream,
                encode ahead): time to the first packet and peak managed heap; --minutes 30 --rate 44100 --ahead-ms 5000
          tts  Vietnamese text-to-speech with espeak-ng: a storm bulletin rendered per voice through the synthesizer;
                real-time factor (seconds of speech per second of render); --repeats 3 --speed 1.0
          emergency  N agents in one process (__agents) hear a normal program, then an emergency to all is POSTed; reach =
                API call to the emergency's first sample at each agent's sink; --agents 200 --program-s 60 --settle-s 8
                --message-s 3 --native true --agents-nice 10 [--keep]
          acl  a real controller attacked over MQTT by a device with valid credentials and by strangers (publish to others'
                topics, inject audio, commands, spoofed state, wildcard subscriptions, Wills, revoked and rotated secrets,
                brute force, oversized and malformed packets, MQTT 5 and 3.1.1); every effect at a legitimate observer is a
                breach; --settle-ms 300
          reconnect  controller (embedded broker) and N load-simulator speakers as separate processes, all playing a broadcast;
                the controller is stopped (SIGTERM) and started, then killed (SIGKILL) and started, on the same data folder;
                time from the new process's launch until the registry lists all online and all receive a new broadcast;
                --agents 2000 --modes graceful,sigkill --broadcast-s 120 --timeout-s 120 --connects-per-s 500
                --reconnect-jitter-ms 5000 (needs tools/LoadSim built: dotnet build InfoRadio.sln -c Release)
          fanout  one live announcement to all, from the controller (child process) through its embedded broker and through
                mosquitto 2 (password + ACL files), to growing counts of simulated speakers (tools/LoadSim, a third process);
                the largest count with every packet before its playout deadline, per broker (docs/benchmarks.md "fanout");
                --steps 1000,2000,3000,4000,5000,6000,7000,8000 --brokers embedded,mosquitto --seconds-per-step 30
                --warmup-s 15 --connects-per-s 250 --pause-s 3 --stop-at-first-miss true [--loadsim path.dll] [--keep]
                [--wide-live-from N] (the controller's Broadcast:Profiles:WideLiveFromSpeakers; 0: the 40 ms live profile throughout)
          offline  controller and N real agents (processes, WAV sinks) whose links run through a TCP proxy; slots scheduled
                inside a window; once all content is cached the links are cut for the whole window; played from cache,
                and every play event at the controller exactly once after the link returns;
                --agents 5 --slots 5 --cut-minutes 10 --seconds 20 --prefetch-timeout-s 120 [--keep]
        """);
    return 2;
}
