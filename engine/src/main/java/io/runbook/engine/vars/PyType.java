package io.runbook.engine.vars;

import java.util.Map;

/**
 * A value's Python class, as {@code x.__class__} gives it: {@code type_debug} of it is {@code type}, it prints as
 * {@code <class 'bool'>} (module and name for Ansible's own classes) and has {@code __name__}, {@code __qualname__}
 * and {@code __module__}; classes are equal when their names are.
 */
record PyType(String name) implements Access.Attributes {
    /** The modules of the classes {@link PyValues#typeName} names that are not Python's built-in ones. */
    private static final Map<String, String> MODULES = Map.of(
            "AnsibleUnicode", "ansible.parsing.yaml.objects",
            "AnsibleVaultEncryptedUnicode", "ansible.parsing.yaml.objects",
            "AnsibleUnsafeText", "ansible.utils.unsafe_proxy",
            "NativeJinjaUnsafeText", "ansible.utils.unsafe_proxy",
            "NativeJinjaText", "ansible.utils.native_jinja",
            "AnsibleUndefined", "ansible.template.native_helpers",
            "Macro", "jinja2.runtime",
            "datetime", "datetime",
            "date", "datetime",
            "timedelta", "datetime");

    /** The class of value. */
    static PyType of(Object value) {
        return new PyType(PyValues.typeName(value));
    }

    String module() {
        return MODULES.getOrDefault(name, "builtins");
    }

    @Override
    public Object attribute(String attribute) {
        return switch (attribute) {
            case "__name__", "__qualname__" -> name;
            case "__module__" -> module();
            case "__class__" -> new PyType("type");
            default -> PyValues.MISSING;
        };
    }

    @Override
    public String toString() {
        return "<class '" + (module().equals("builtins") ? "" : module() + ".") + name + "'>";
    }
}
