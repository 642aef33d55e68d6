package io.runbook.modules.core;

/** Whether bytes are text a diff can show: no NUL byte in them (what diff tools and Ansible go by). */
final class Text {
    private Text() {
    }

    static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }
}
