package io.runbook.engine.report;

/** The colours Ansible's default callback writes lines in on a terminal. */
enum Colour {
    GREEN("\033[0;32m"), YELLOW("\033[0;33m"), RED("\033[0;31m"), CYAN("\033[0;36m"), BLUE("\033[0;34m");

    final String code;

    Colour(String code) {
        this.code = code;
    }
}
