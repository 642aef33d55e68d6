package io.runbook.engine.playbook;

import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads roles and compiles each use into a {@link Block}: the blocks of its dependencies (deepest first), then
 * its tasks, with the use's keywords inherited. Roles used from {@code roles:} or as dependencies come from the
 * play's {@link RoleCache}, so the same role with the same parameters is one object (and runs once per host);
 * {@code import_role}/{@code include_role} always load a new one, as in Ansible.
 */
public final class RoleLoader {
    private final TaskParser tasks;
    private final RoleSearch search;
    private final RoleCache cache;
    private final Path playbookDir;
    private final Deque<Path> loading = new ArrayDeque<>();

    RoleLoader(TaskParser tasks, RoleSearch search, RoleCache cache, Path playbookDir) {
        this.tasks = tasks;
        this.search = search;
        this.cache = cache;
        this.playbookDir = playbookDir;
    }

    /**
     * One use of a role: loads it (or reuses the cached one) and compiles its block.
     *
     * @param parent the keywords the use inherits (play, enclosing blocks)
     * @param outer  the role the use is written in, or null
     */
    Block use(RoleRequest request, Keywords parent, RoleScope outer) {
        return use(request, parent, outer, !request.fromInclude());
    }

    /**
     * {@code shared}: the role object is the play's one for the same request (a {@code roles:} entry, an import_role),
     * as Ansible's role cache, so that a role already run on a host is not run there again unless it allows duplicates.
     */
    Block use(RoleRequest request, Keywords parent, RoleScope outer, boolean shared) {
        Role role = load(request, outer == null ? null : outer.role().path().getParent(), parent, shared);
        RoleScope scope = outer == null ? RoleScope.top(role) : outer.enter(role);
        return compile(role, request.keywords().under(parent), scope, request.fromFiles().get("tasks"), request);
    }

    private Block compile(Role role, Keywords kw, RoleScope scope, String tasksFrom, RoleRequest request) {
        List<TaskNode> body = new ArrayList<>();
        for (Role dep : role.dependencies()) {
            body.add(compile(dep, dep.keywords().under(kw), scope.depend(dep), null, null));
        }
        Optional<Path> file = RoleFiles.taskFile(role, "tasks", tasksFrom,
                request == null ? null : request.position());
        if (request == null || request.validate()) {
            RoleArgSpecs.validation(role, tasksFrom, kw, scope).ifPresent(body::add);
        }
        file.ifPresent(f -> body.addAll(tasks.parseRoleFile(f, kw, scope, false)));
        // a dependency's block is where the dependency is named (a journal hashes the file of every block)
        return new Block(null, body, List.of(), List.of(), request == null ? role.declaredAt() : request.position(), kw, scope);
    }

    private Role load(RoleRequest request, Path siblingsDir, Keywords parent, boolean shared) {
        if (shared) {
            Role cached = cache.get(request.cacheKey());
            if (cached != null) {
                return cached;
            }
        }
        Path path = search.find(request.name(), playbookDir, siblingsDir, request.position());
        if (loading.contains(path)) {
            throw new UserError(request.position(), "role '" + request.name() + "' depends on itself (through "
                    + String.join(" -> ", loading.stream().map(p -> p.getFileName().toString()).toList()) + ")");
        }
        loading.push(path);
        try {
            return build(request, path, parent, shared);
        } finally {
            loading.pop();
        }
    }

    private Role build(RoleRequest request, Path path, Keywords parent, boolean shared) {
        Optional<YMap> meta = RoleFiles.meta(path);
        boolean allowDuplicates = request.allowDuplicates() != null ? request.allowDuplicates()
                : meta.flatMap(m -> m.get("allow_duplicates")).map(n -> NodeReader.bool(n, "allow_duplicates")).orElse(false);
        String from = request.fromFiles().get("defaults");
        Map<String, Object> defaults = RoleFiles.vars(path, request.name(), "defaults", from, request.position());
        Map<String, Object> vars = RoleFiles.vars(path, request.name(), "vars", request.fromFiles().get("vars"),
                request.position());
        Role role = new Role(displayName(request.name()), collection(request.name()), path, request, defaults, vars, allowDuplicates);
        // as Ansible adds a role's plugin folders when it loads the role: its modules are known from then on
        tasks.modules().library().addFolder(path.resolve("library"));
        tasks.modules().pythonPlugins().addFolder(path);
        tasks.modules().actionPlugins().addFolder(path);
        tasks.modules().pluginHost().addVarsFolder(path.resolve("vars_plugins"));
        if (shared) {
            cache.put(request.cacheKey(), role);
        }
        if (meta.isPresent()) {
            Optional<YNode> deps = meta.get().get("dependencies");
            if (deps.isPresent()) {
                for (YNode entry : NodeReader.list(deps.get(), "dependencies").items()) {
                    role.addDependency(load(RoleRequest.ofEntry(entry, tasks.hashBehaviour()), path.getParent(), parent, true));
                }
            }
        }
        RoleScope scope = RoleScope.top(role);
        // a role's handlers take the keywords its use gives (become_user: root on a roles: entry), as Ansible's do
        Keywords handlerKeywords = request.keywords().under(parent).withoutWhen();
        RoleFiles.taskFile(role, "handlers", request.fromFiles().get("handlers"), request.position())
                .ifPresent(f -> role.addHandlers(tasks.parseRoleFile(f, handlerKeywords, scope, true)));
        return role;
    }

    /** A role given as a path shows as its last folder name, as Ansible shows it. */
    private static String displayName(String name) {
        if (name.contains("/")) {
            return Path.of(name).getFileName().toString();
        }
        // a collection's role (namespace.collection.role) is named by its last part, as in Ansible
        return name.matches("\\w+\\.\\w+\\.\\w+") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }

    /** The collection of a collection's role ({@code ns.coll} of {@code ns.coll.role}), or null. */
    private static String collection(String name) {
        return !name.contains("/") && name.matches("\\w+\\.\\w+\\.\\w+") ? name.substring(0, name.lastIndexOf('.')) : null;
    }
}
