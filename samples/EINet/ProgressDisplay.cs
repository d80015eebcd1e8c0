using System;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpikeSharp;

namespace EINet;

/// <summary>Runs a <see cref="Runner"/> with a live Spectre.Console progress bar (steps, rate, ETA) when the run is
/// expected to take more than about a second; shorter runs and quiet runs go straight through.</summary>
static class ProgressDisplay
{
    const int ProbeSteps = 100;
    static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="steps"/> steps; returns the wall time of the step loops.</summary>
    public static TimeSpan Run(Runner runner, int steps, bool show)
    {
        if (!show || steps <= ProbeSteps) return runner.RunSteps(steps).WallTime;

        // Time a first slice, then decide: runs continue exactly where they stopped, so splitting changes nothing.
        var first = runner.RunSteps(ProbeSteps);
        int rest = steps - ProbeSteps;
        double estimate = first.WallTime.TotalSeconds / ProbeSteps * rest;
        if (estimate < Threshold.TotalSeconds) return first.WallTime + runner.RunSteps(rest).WallTime;

        TimeSpan restWall = TimeSpan.Zero;
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new StepsPerSecondColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{steps} steps", maxValue: steps);
                task.Value = ProbeSteps;
                var progress = new InlineProgress(p => task.Value = ProbeSteps + p.StepsDone);
                restWall = runner.RunSteps(rest, progress).WallTime;
                task.Value = steps;
            });
        return first.WallTime + restWall;
    }

    sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    /// <summary>Shows the task's speed as steps per second.</summary>
    sealed class StepsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup(task.Speed is { } s ? $"[grey]{s:N0} steps/s[/]" : "[grey]– steps/s[/]");
    }
}
