package io.runbook.engine.module;

/**
 * How a module reports a long wait. {@link #update} replaces the current status line (updated in place on
 * a terminal, printed every few seconds otherwise); {@link #line} prints a line as it comes (for example a
 * followed log). Both go through the redactor. Safe to call from any thread.
 */
public interface Progress {
    void update(String status);

    void line(String text);

    /** A sink that drops everything (for tests and quiet runs). */
    Progress NONE = new Progress() {
        @Override
        public void update(String status) {
        }

        @Override
        public void line(String text) {
        }
    };
}
