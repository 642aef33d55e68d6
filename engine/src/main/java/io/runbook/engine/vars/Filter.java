package io.runbook.engine.vars;

/** One filter of {@code value | name(args)}; throws {@link ExpressionFailure} for values it cannot take. */
@FunctionalInterface
interface Filter {
    Object apply(Object value, Arguments args);

    /** As {@link #apply(Object, Arguments)}, in the template's frame (null where a filter is applied outside one). */
    default Object apply(Object value, Arguments args, Frame frame) {
        return apply(value, args);
    }

    /** A filter that renders with the template's Jinja (ansible.utils' get_path). */
    @FunctionalInterface
    interface Framed extends Filter {
        Object applyIn(Object value, Arguments args, Jinja jinja);

        @Override
        default Object apply(Object value, Arguments args) {
            return applyIn(value, args, new Jinja());
        }

        @Override
        default Object apply(Object value, Arguments args, Frame frame) {
            return applyIn(value, args, frame == null ? new Jinja() : frame.jinja);
        }
    }
}
