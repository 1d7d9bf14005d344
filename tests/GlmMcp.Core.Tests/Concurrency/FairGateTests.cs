using GlmMcp.Core.Concurrency;

namespace GlmMcp.Core.Tests.Concurrency;

public sealed class FairGateTests
{
    private static readonly TimeSpan _forever = Timeout.InfiniteTimeSpan;
    private static readonly TimeSpan _retry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(30);

    private static Task<IDisposable> Enter(FairGate gate, string caller, TimeSpan? maxWait = null, CancellationToken cancellationToken = default)
    {
        using (CallerScope.Begin(caller))
            return gate.EnterAsync(maxWait ?? _forever, _retry, cancellationToken);
    }

    [Fact]
    public async Task A_freed_slot_goes_to_a_waiting_client_before_the_backlog_of_the_client_holding_the_others()
    {
        var gate = new FairGate(2, 2, "The pool", "add slots");
        var held = new[] { await Enter(gate, "A"), await Enter(gate, "A") };
        var backlog = new[] { Enter(gate, "A"), Enter(gate, "A") };
        var other = Enter(gate, "B");

        held[0].Dispose();
        var granted = await other.WaitAsync(_patience);

        Assert.All(backlog, t => Assert.False(t.IsCompleted));
        held[1].Dispose();
        var next = await backlog[0].WaitAsync(_patience);
        Assert.False(backlog[1].IsCompleted);
        granted.Dispose();
        (await backlog[1].WaitAsync(_patience)).Dispose();
        next.Dispose();
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Clients_holding_as_many_slots_are_served_in_the_order_they_started_waiting()
    {
        var gate = new FairGate(1, 4, "The pool", "add slots");
        var holder = await Enter(gate, "X");
        var a = Enter(gate, "A");
        var b = Enter(gate, "B");
        var c = Enter(gate, "C");

        holder.Dispose();
        var first = await a.WaitAsync(_patience);
        Assert.False(b.IsCompleted || c.IsCompleted);
        first.Dispose();
        var second = await b.WaitAsync(_patience);
        Assert.False(c.IsCompleted);
        second.Dispose();
        (await c.WaitAsync(_patience)).Dispose();
    }

    [Fact]
    public async Task A_client_whose_queue_is_full_is_told_at_once_that_the_resource_is_busy_and_when_to_retry()
    {
        var gate = new FairGate(1, 2, "Chromium's render pool", "raise Rendering:PoolSize");
        using var holder = await Enter(gate, "A");
        var queued = new[] { Enter(gate, "A"), Enter(gate, "A") };

        var error = await Assert.ThrowsAsync<UserInputException>(() => Enter(gate, "A"));

        Assert.Contains("Chromium's render pool is busy", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 earlier request(s) of this client are already waiting", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retry in 15 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rendering:PoolSize", error.Message, StringComparison.Ordinal);
        var another = Enter(gate, "B");
        Assert.Equal(3, gate.Queued);
        Assert.False(another.IsCompleted);
        Assert.All(queued, t => Assert.False(t.IsCompleted));
    }

    [Fact]
    public async Task A_request_that_waits_longer_than_it_may_gets_the_busy_error_and_leaves_the_queue()
    {
        var gate = new FairGate(1, 2, "The pool", "add slots");
        var holder = await Enter(gate, "A");

        var error = await Assert.ThrowsAsync<UserInputException>(() => Enter(gate, "B", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("this request waited 0.1 s for one", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, gate.Queued);
        holder.Dispose();
        var free = Enter(gate, "B");
        Assert.True(free.IsCompletedSuccessfully, "the slot freed by the holder must be free, not given to the request that gave up");
        (await free).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_without_taking_a_slot()
    {
        var gate = new FairGate(1, 2, "The pool", "add slots");
        var holder = await Enter(gate, "A");
        using var cancel = new CancellationTokenSource();
        var waiting = Enter(gate, "B", cancellationToken: cancel.Token);
        var after = Enter(gate, "C");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        holder.Dispose();

        (await after.WaitAsync(_patience)).Dispose();
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Work_outside_any_caller_scope_shares_one_queue()
    {
        var gate = new FairGate(1, 1, "The pool", "add slots");
        using var holder = await gate.EnterAsync(_forever, _retry, CancellationToken.None);
        var queued = gate.EnterAsync(_forever, _retry, CancellationToken.None);

        await Assert.ThrowsAsync<UserInputException>(() => gate.EnterAsync(_forever, _retry, CancellationToken.None));
        Assert.False(queued.IsCompleted);
    }
}
