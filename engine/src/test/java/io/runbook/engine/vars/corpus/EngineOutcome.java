package io.runbook.engine.vars.corpus;

import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;

/**
 * What the engine made of one corpus case, through its public entry points: {@link Templar#render} for a task
 * argument, {@link Templar#renderString} for the template module, {@link Conditions#test} for a condition.
 * A {@link UserError} is the engine refusing the input (the counterpart of an Ansible error); any other
 * exception is a crash, which never counts as equal.
 */
record EngineOutcome(Object value, UserError error, Throwable crash) {

    static EngineOutcome of(CorpusCase c, Templar templar, Conditions conditions) {
        try {
            Object value = switch (c.mode()) {
                case "native" -> templar.render(c.input(), c.vars(), c.where());
                case "text" -> templar.renderString(c.input(), c.vars(), c.where());
                case "when" -> conditions.test(c.input(), c.vars(), c.where());
                default -> throw new IllegalArgumentException("unknown mode " + c.mode());
            };
            return new EngineOutcome(value, null, null);
        } catch (UserError e) {
            return new EngineOutcome(null, e, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new EngineOutcome(null, null, e);
        }
    }

    /** Same as Ansible: equal type and value, or both refused. */
    boolean matches(CorpusCase c) {
        if (crash != null) {
            return false;
        }
        if (c.expectsError() || error != null) {
            return c.expectsError() && error != null;
        }
        return PythonValues.same(c.expected().get("value"), value, Corpus.DIR.toString());
    }

    /** For reports: {@code 3 (int)}, {@code error: undefined variable 'x'}, {@code crash: NullPointerException}. */
    String describe() {
        if (crash != null) {
            return "crash " + crash.getClass().getSimpleName() + ": " + firstLine(crash.getMessage());
        }
        if (error != null) {
            return "error: " + firstLine(error.cause());
        }
        return PythonValues.repr(value) + " (" + PythonValues.typeOf(value) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " …";
    }
}
