package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ObjectStore.Change;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The change feed of one {@link ObjectStore}: each change is numbered, kept a while for watches that start from a
 * list's resource version, and announced to the store's listeners.
 */
final class ChangeHistory {
  /**
   * A change as the history keeps it: its JSON text (the store holds the same string), parsed again only when a watch
   * replays it. Keeping each change's parsed tree held about 3 KB per write for the lab's life: a 1 000-cluster lab
   * kept over 100 MB of trees for the changes of its seeding and first rotations, all copied out of the young
   * generation, and its old generation filled until full collections came one after another.
   */
  private record Recorded(String path, String json, boolean deleted, String previousJson, long sequence, long at) {
    Change change() {
      return new Change(path, Json.parse(json), deleted, previousJson, sequence, json);
    }
  }

  /** How many recent changes are kept for watches that start from a list's resource version. */
  private static final int HISTORY = 256;
  /**
   * How long a change is kept for them: a watch starts from a list taken moments before, and the API server's watch
   * cache keeps about as long (its event window aims at 75 s). Kept by count alone, every cluster held its last 256
   * changes for the lab's life: a 1 000-cluster lab that had served a few dozen rotations held 256 000 of them (about
   * 100 MB of JSON text, half its heap), and its collections grew slower and came more often with every rotation.
   */
  static final long HISTORY_NANOS = TimeUnit.SECONDS.toNanos(75);
  private LongSupplier clock = System::nanoTime;
  private final ArrayDeque<Recorded> history = new ArrayDeque<>();
  private long evictedUpTo;

  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

  /** The clock the change history's age is read from (tests move it). */
  void clock(LongSupplier nanos) {
    this.clock = nanos;
  }

  /** Registers a listener; closing the returned handle removes it. */
  AutoCloseable addListener(Consumer<Change> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Records a change of the object at {@code path}: {@code state} is its new state, or its last when deleted, and
   * {@code tree} that state's tree when the writer has it (else it is parsed here); the change's number is taken from
   * {@code sequence}.
   */
  void record(String path, ObjectNode tree, boolean deleted, String previous, String state, LongSupplier sequence) {
    // numbered, remembered and announced in one step: writes that do not hold the dispatcher's lock (a namespace
    // turning Terminating) would otherwise reach the history out of sequence, and a watch replaying "everything
    // after the last change it replayed" would skip the one that came late
    synchronized (history) {
      ObjectNode object = tree != null ? tree : Json.parse(state);
      Change change = new Change(path, object, deleted, previous, sequence.getAsLong(), state);
      long now = clock.getAsLong();
      history.addLast(new Recorded(path, state, change.deleted(), previous, change.sequence(), now));
      while (history.size() > HISTORY || now - history.peekFirst().at() > HISTORY_NANOS) {
        evictedUpTo = history.removeFirst().sequence();
      }
      for (Consumer<Change> listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException e) {
          // a broken watcher (e.g. a socket closing) must never fail the write that notified it; its own close
          // handling unregisters it
        }
      }
    }
  }

  /**
   * The changes made after resource version {@code since}, oldest first; null when some of them are no longer
   * remembered (the caller then falls back to the current state).
   */
  List<Change> changesSince(long since) {
    synchronized (history) {
      long now = clock.getAsLong();
      while (!history.isEmpty() && now - history.peekFirst().at() > HISTORY_NANOS) {
        evictedUpTo = history.removeFirst().sequence();
      }
      if (since < evictedUpTo) {
        return null;
      }
      return history.stream().filter(c -> c.sequence() > since).map(Recorded::change).toList();
    }
  }
}
