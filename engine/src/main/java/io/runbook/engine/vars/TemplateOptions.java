package io.runbook.engine.vars;

import java.util.Map;

/**
 * How a template file is read, as the template module's arguments set Jinja's environment in Ansible: trim_blocks
 * (the newline after a block tag is dropped; Ansible's default), lstrip_blocks (spaces and tabs from the start of a
 * line to a block tag or comment are dropped), the newline every newline of the template's own text is written as,
 * and other delimiters ({@code variable_start_string}, {@code block_start_string}, {@code comment_start_string} and
 * their ends; absent: Jinja's).
 */
public record TemplateOptions(boolean trimBlocks, boolean lstripBlocks, String newlineSequence, Map<String, Object> delimiters) {
    /** The template module's defaults, which every other template (includes, the template lookup) also has. */
    public static final TemplateOptions DEFAULT = new TemplateOptions(true, false, "\n", Map.of());

    public TemplateOptions {
        delimiters = Map.copyOf(delimiters);
    }

    /** True when the options are the defaults, so the template can share the run's cache of compiled templates. */
    boolean isDefault() {
        // field by field, not the record's equals: its first call links an invokedynamic call site (about twenty
        // generated method-handle classes, which the class-data sharing archive cannot hold), and this is asked of
        // the first template a syntax check reads
        return this == DEFAULT || trimBlocks && !lstripBlocks && "\n".equals(newlineSequence) && delimiters.isEmpty();
    }
}
