package io.runbook.engine.module;

/** The type of a module argument; values are coerced to it after templating. */
public enum ArgType {
    /** Any scalar turned into text. */
    STR,
    INT,
    FLOAT,
    /** Accepts Ansible's spellings: yes/no, true/false, on/off, 1/0 (case-insensitive). */
    BOOL,
    /** A list; a single scalar becomes a one-element list, a comma-separated string is split. */
    LIST,
    /** A mapping. */
    DICT,
    /** A file system path; {@code ~} is expanded, relative paths are resolved against the playbook's folder. */
    PATH,
    /** A length of time: a number of seconds, or text such as {@code 90s}, {@code 10m}, {@code 1h30m}. */
    DURATION,
    /** Anything, unchanged. */
    RAW
}
