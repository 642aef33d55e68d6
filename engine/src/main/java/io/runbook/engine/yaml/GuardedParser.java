package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Stands between snakeyaml-engine's parser and composer and refuses, at the place in the file, what would
 * exhaust the stack or the memory before the composer builds anything: collections nested deeper than
 * {@link #MAX_DEPTH}, aliases that expand a document past {@link #MAX_VALUES} values ("billion laughs") or
 * past the depth limit, aliases inside their own anchor, and documents longer than the code-point limit.
 */
final class GuardedParser implements Parser {
    static final int MAX_DEPTH = 200;
    static final long MAX_VALUES = 1_000_000;

    /** An open collection: its anchor (or null), the value count and depth where it started, the deepest point inside. */
    private static final class Open {
        final String anchor;
        final long startValues;
        final int startDepth;
        int deepest;

        Open(String anchor, long startValues, int startDepth) {
            this.anchor = anchor;
            this.startValues = startValues;
            this.startDepth = startDepth;
            this.deepest = startDepth;
        }
    }

    /** What an anchored node expands to: how many values, and how many levels deep. */
    private record Expansion(long values, int depth) {
    }

    private final Parser parser;
    private final String text;
    private final Path origin;
    private final int codePointLimit;
    private final Deque<Open> open = new ArrayDeque<>();
    private final Map<String, Expansion> anchors = new HashMap<>();
    private int depth;
    private long values;
    private Optional<Mark> lastEnd = Optional.empty();

    GuardedParser(Parser parser, String text, Path origin, int codePointLimit) {
        this.parser = parser;
        this.text = text;
        this.origin = origin;
        this.codePointLimit = codePointLimit;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        try {
            return parser.checkEvent(id);
        } catch (MarkedYamlEngineException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw tooLong(e);
        }
    }

    @Override
    public Event peekEvent() {
        try {
            return parser.peekEvent();
        } catch (MarkedYamlEngineException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw tooLong(e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return parser.hasNext();
        } catch (MarkedYamlEngineException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw tooLong(e);
        }
    }

    @Override
    public Event next() {
        Event event;
        try {
            event = parser.next();
        } catch (MarkedYamlEngineException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw tooLong(e);
        }
        account(event);
        lastEnd = event.getEndMark();
        return event;
    }

    private void account(Event event) {
        switch (event.getEventId()) {
            case DocumentStart -> {
                open.clear();
                anchors.clear();
                depth = 0;
                values = 0;
            }
            case SequenceStart, MappingStart -> enter((CollectionStartEvent) event);
            case SequenceEnd, MappingEnd -> leave();
            case Scalar -> {
                values++;
                anchorOf((NodeEvent) event).ifPresent(a -> anchors.put(a, new Expansion(1, 0)));
            }
            case Alias -> alias((AliasEvent) event);
            default -> {
                // stream start/end, document end, comments: nothing to count
            }
        }
    }

    private void enter(CollectionStartEvent event) {
        depth++;
        values++;
        if (depth > MAX_DEPTH) {
            throw new UserError(position(event.getStartMark()), "values are nested more than " + MAX_DEPTH
                    + " levels deep here", "flatten the data; no playbook, inventory or manifest needs this depth");
        }
        if (!open.isEmpty()) {
            open.peek().deepest = Math.max(open.peek().deepest, depth);
        }
        open.push(new Open(anchorOf(event).orElse(null), values - 1, depth));
    }

    private void leave() {
        Open done = open.pop();
        if (!open.isEmpty()) {
            open.peek().deepest = Math.max(open.peek().deepest, done.deepest);
        }
        if (done.anchor != null) {
            anchors.put(done.anchor, new Expansion(values - done.startValues, done.deepest - done.startDepth + 1));
        }
        depth--;
    }

    private void alias(AliasEvent event) {
        String name = event.getAlias().getValue();
        for (Open o : open) {
            if (name.equals(o.anchor)) {
                throw new UserError(position(event.getStartMark()), "alias *" + name + " is inside its own anchor &"
                        + name + ": recursive data is not supported");
            }
        }
        Expansion expansion = anchors.get(name);
        if (expansion == null) {
            return;  // the composer reports the undefined alias
        }
        values += expansion.values();
        if (values > MAX_VALUES) {
            throw new UserError(position(event.getStartMark()), "alias *" + name + " expands the document past "
                    + MAX_VALUES + " values", "aliases that repeat aliases grow exponentially, as in a billion-laughs file");
        }
        if (depth + expansion.depth() > MAX_DEPTH) {
            throw new UserError(position(event.getStartMark()), "alias *" + name + " nests values more than "
                    + MAX_DEPTH + " levels deep");
        }
        if (!open.isEmpty()) {
            open.peek().deepest = Math.max(open.peek().deepest, depth + expansion.depth());
        }
    }

    private static Optional<String> anchorOf(NodeEvent event) {
        return event.getAnchor().map(a -> a.getValue());
    }

    /** The code-point limit (or another unmarked parser error): placed at the value being read when it struck. */
    private RuntimeException tooLong(YamlEngineException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("exceeds the limit")) {
            return e;
        }
        return new UserError(valueAfter(lastEnd), "the document is longer than the limit of " + codePointLimit
                + " characters; it passes it in the value that starts here",
                "split it into several documents or files, or keep large data out of YAML");
    }

    /** The first character after {@code mark} that is not a blank, a line break or a YAML indicator. */
    private SourcePosition valueAfter(Optional<Mark> mark) {
        if (mark.isEmpty()) {
            return SourcePosition.of(origin.toString());
        }
        int index = offsetOf(mark.get().getLine(), mark.get().getColumn());
        while (index < text.length() && " \t\r\n:-,?".indexOf(text.charAt(index)) >= 0) {
            index++;
        }
        return SourceText.at(text, index, origin);
    }

    private int offsetOf(int line, int column) {
        int index = 0;
        for (int l = 0; l < line && index < text.length(); index++) {
            if (text.charAt(index) == '\n') {
                l++;
            }
        }
        return Math.min(text.length(), text.offsetByCodePoints(index, Math.min(column, text.codePointCount(index, text.length()))));
    }

    private SourcePosition position(Optional<Mark> mark) {
        return mark.map(m -> new SourcePosition(origin, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourcePosition.of(origin.toString()));
    }
}
