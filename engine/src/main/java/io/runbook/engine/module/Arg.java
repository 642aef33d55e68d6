package io.runbook.engine.module;

import java.util.List;

/**
 * One argument of a module: its type, whether it is required, its default, allowed values, aliases, the
 * element type of a list, and whether its value is a secret (then it is redacted from every output).
 * {@code lookIn} marks a file the engine looks for as Ansible does (in the role's {@code templates/} or
 * {@code files/} first, then next to the task's file): the module receives the path found.
 */
public record Arg(String name, ArgType type, boolean isRequired, Object defaultValue, List<String> choices,
                  List<String> aliases, ArgType elements, boolean isSecret, String description, String lookIn) {

    public Arg {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
    }

    public static Arg of(String name, ArgType type) {
        return new Arg(name, type, false, null, List.of(), List.of(), null, false, "", null);
    }

    public static Arg str(String name) {
        return of(name, ArgType.STR);
    }

    public static Arg bool(String name) {
        return of(name, ArgType.BOOL);
    }

    public static Arg integer(String name) {
        return of(name, ArgType.INT);
    }

    public static Arg list(String name) {
        return of(name, ArgType.LIST);
    }

    public static Arg dict(String name) {
        return of(name, ArgType.DICT);
    }

    public static Arg path(String name) {
        return of(name, ArgType.PATH);
    }

    public static Arg duration(String name) {
        return of(name, ArgType.DURATION);
    }

    public static Arg raw(String name) {
        return of(name, ArgType.RAW);
    }

    public Arg required() {
        return new Arg(name, type, true, defaultValue, choices, aliases, elements, isSecret, description, lookIn);
    }

    public Arg defaultValue(Object value) {
        return new Arg(name, type, isRequired, value, choices, aliases, elements, isSecret, description, lookIn);
    }

    public Arg choices(String... values) {
        return new Arg(name, type, isRequired, defaultValue, List.of(values), aliases, elements, isSecret, description, lookIn);
    }

    public Arg aliases(String... names) {
        return new Arg(name, type, isRequired, defaultValue, choices, List.of(names), elements, isSecret, description, lookIn);
    }

    public Arg elements(ArgType elementType) {
        return new Arg(name, type, isRequired, defaultValue, choices, aliases, elementType, isSecret, description, lookIn);
    }

    public Arg secret() {
        return new Arg(name, type, isRequired, defaultValue, choices, aliases, elements, true, description, lookIn);
    }

    /** A file looked for in the role's {@code subdir} (templates, files, vars) and the task's folder first. */
    public Arg lookIn(String subdir) {
        return new Arg(name, type, isRequired, defaultValue, choices, aliases, elements, isSecret, description, subdir);
    }

    public Arg description(String text) {
        return new Arg(name, type, isRequired, defaultValue, choices, aliases, elements, isSecret, text, lookIn);
    }
}
