namespace GlmMcp.Core.Concurrency;

/// <summary>
/// A fixed number of slots shared fairly between callers (<see cref="CallerScope"/>): each caller has its own queue,
/// and a freed slot goes to the waiting caller with the fewest slots in use (ties: the one that has waited longest),
/// so a caller with a backlog of slow work cannot make another wait for more than the first slot to free. Queues are
/// bounded: a caller with <c>maxQueuedPerCaller</c> entries already waiting, or one that waits longer than it allows,
/// gets a <see cref="UserInputException"/> saying the resource is busy and when to retry.
/// </summary>
public sealed class FairGate
{
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly int _maxQueuedPerCaller;
    private readonly string _resource;
    private readonly string _remedy;
    private readonly Dictionary<string, Queue<Waiter>> _queues = [];
    private readonly Dictionary<string, int> _inUse = [];
    private readonly LinkedList<string> _waitingCallers = [];
    private int _free;

    /// <param name="capacity">Slots that can be held at once.</param>
    /// <param name="maxQueuedPerCaller">Entries one caller may have waiting; one more is refused at once.</param>
    /// <param name="resource">What the slots are, for the busy message (e.g. "Chromium's render pool").</param>
    /// <param name="remedy">The setting that adds slots, for the busy message.</param>
    public FairGate(int capacity, int maxQueuedPerCaller, string resource, string remedy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedPerCaller, 0);
        _capacity = capacity;
        _maxQueuedPerCaller = maxQueuedPerCaller;
        _resource = resource;
        _remedy = remedy;
        _free = capacity;
    }

    /// <summary>Entries waiting for a slot, all callers together (for diagnostics and tests).</summary>
    public int Queued
    {
        get
        {
            lock (_lock)
                return _queues.Values.Sum(q => q.Count);
        }
    }

    /// <summary>
    /// Takes a slot for <see cref="CallerScope.Current"/>, waiting at most <paramref name="maxWait"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: until cancelled). <paramref name="retryAfter"/> is the hint in the busy
    /// message: about how long a slot stays held. Dispose the result to free the slot.
    /// </summary>
    public async Task<IDisposable> EnterAsync(TimeSpan maxWait, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var caller = CallerScope.Current ?? "";
        Waiter waiter;
        lock (_lock)
        {
            if (_free > 0 && _waitingCallers.Count == 0)
            {
                _free--;
                return Grant(caller);
            }
            var queue = _queues.TryGetValue(caller, out var existing) ? existing : _queues[caller] = new Queue<Waiter>();
            if (queue.Count >= _maxQueuedPerCaller)
            {
                if (queue.Count == 0)
                    _queues.Remove(caller);
                throw Busy(retryAfter, $"{queue.Count} earlier request(s) of this client are already waiting");
            }
            waiter = new Waiter(caller);
            queue.Enqueue(waiter);
            if (queue.Count == 1)
                _waitingCallers.AddLast(caller);
        }

        try
        {
            return await waiter.Granted.Task.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (!waiter.Granted.Task.IsCompleted)
                {
                    Withdraw(waiter);
                    if (e is TimeoutException)
                        throw Busy(retryAfter, $"this request waited {maxWait.TotalSeconds:0.#} s for one");
                    throw;
                }
            }
            // Granted while giving up: hand the slot on.
            waiter.Granted.Task.Result.Dispose();
            if (e is TimeoutException)
                throw Busy(retryAfter, $"this request waited {maxWait.TotalSeconds:0.#} s for one");
            throw;
        }
    }

    private Lease Grant(string caller)
    {
        _inUse[caller] = _inUse.GetValueOrDefault(caller) + 1;
        return new Lease(this, caller);
    }

    private void Release(string caller)
    {
        lock (_lock)
        {
            if (_inUse[caller] == 1)
                _inUse.Remove(caller);
            else
                _inUse[caller]--;
            // The waiting caller holding the fewest slots; among equals, the first in line.
            LinkedListNode<string>? next = null;
            for (var node = _waitingCallers.First; node is not null; node = node.Next)
            {
                if (next is null || _inUse.GetValueOrDefault(node.Value) < _inUse.GetValueOrDefault(next.Value))
                    next = node;
            }
            if (next is null)
            {
                _free++;
                return;
            }
            var queue = _queues[next.Value];
            var waiter = queue.Dequeue();
            // Served callers go to the back of the line; one with nothing left waiting leaves it.
            _waitingCallers.Remove(next);
            if (queue.Count > 0)
                _waitingCallers.AddLast(next);
            else
                _queues.Remove(next.Value);
            waiter.Granted.SetResult(Grant(waiter.Caller));
        }
    }

    private void Withdraw(Waiter waiter)
    {
        var queue = _queues[waiter.Caller];
        var rest = queue.Where(w => w != waiter).ToArray();
        queue.Clear();
        foreach (var w in rest)
            queue.Enqueue(w);
        if (queue.Count == 0)
        {
            _queues.Remove(waiter.Caller);
            _waitingCallers.Remove(waiter.Caller);
        }
    }

    private UserInputException Busy(TimeSpan retryAfter, string why) => new(
        $"{_resource} is busy: all {_capacity} slot(s) are in use and {why}. Retry in {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)):0} s, " +
        $"or {_remedy}.");

    private sealed class Waiter(string caller)
    {
        public string Caller { get; } = caller;

        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(FairGate gate, string caller) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release(caller);
        }
    }
}
