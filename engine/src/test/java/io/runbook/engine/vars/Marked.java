package io.runbook.engine.vars;

import java.util.Arrays;
import java.util.List;

/** Expected values as Ansible 2.14 types them: a query's items as AnsibleUnsafeText, a string filter's as NativeJinjaText. */
final class Marked {
    private Marked() {
    }

    /** A lookup's list: each item AnsibleUnsafeText. */
    static List<Object> unsafe(String... items) {
        return Arrays.stream(items).<Object>map(UnsafeText::new).toList();
    }

    /** A string filter's text (NativeJinjaText). */
    static CharSequence nativeText(String text) {
        return NativeText.of(text, false);
    }
}
