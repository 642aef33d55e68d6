package io.runbook.modules.library;

/**
 * A module of the controller's Ansible by its full name: ansible-core's own ({@code ansible.builtin.name}), run as a
 * script, or a collection's ({@code namespace.collection.name}), run as Ansible's AnsiballZ runs one: as the module
 * {@link #packageName} of the {@code ansible_collections} package ({@link ModuleUtils} zips it in), so that its
 * relative imports ({@code from ..module_utils.x import y}) work. {@code roots}: the collection folders it was found in
 * (see {@link ControllerAnsible#collection}), where the module_utils it imports are taken from too.
 */
record CollectionModule(String namespace, String collection, String name, java.util.List<java.nio.file.Path> roots) {
    /** {@code ansible_collections/ns/coll}: the collection's folder in the zip. */
    String packagePath() {
        return "ansible_collections/" + namespace + "/" + collection;
    }

    /** {@code ansible_collections.ns.coll.plugins.modules.name}: what {@code python -m} runs. */
    String packageName() {
        return packagePath().replace('/', '.') + ".plugins.modules." + name;
    }

    static CollectionModule builtin(String name) {
        return new CollectionModule("ansible", "builtin", name, java.util.List.of());
    }

    /** Whether this is ansible-core's own module (no collection's, so not run as a package's module). */
    boolean isBuiltin() {
        return namespace.equals("ansible") && collection.equals("builtin");
    }

    String fqcn() {
        return namespace + "." + collection + "." + name;
    }
}
