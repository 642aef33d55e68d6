package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.lang.reflect.Proxy;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.modules.k8s.ClusterDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and describing helm_release (what {@code engine.jar modules} and every run's module lookup do)
 * loads no helm-java class, so the native library is never extracted for a run without Helm tasks.
 */
class HelmLoadingTest {

    @Test
    void theModuleClassLoadsWithoutLoadingHelm() throws Exception {
        try (Isolated loader = new Isolated(classPath())) {
            Class<?> module = Class.forName(HelmRelease.class.getName(), true, loader);
            Object instance = module.getConstructor().newInstance();
            assertEquals("helm_release", module.getMethod("name").invoke(instance));
            module.getMethod("spec").invoke(instance);
            module.getMethod("description").invoke(instance);
            assertEquals(HelmRelease.class.getName(), loader.loaded(HelmRelease.class.getName()).getName(), "the isolated loader did load it");
            assertNull(loader.loaded("com.marcnuri.helm.Helm"));
            assertNull(loader.loaded("com.marcnuri.helm.jni.NativeLibrary"));
            assertNull(loader.loaded(HelmCommands.class.getName()));
        }
    }

    @Test
    void anUnchangedReleaseIsCheckedWithoutLoadingHelm(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("lazy");
        Map<String, Object> args = HelmLab.args("name", "web", "chart", HelmLab.chartCopy(dir).toString());
        try (DirectRun install = HelmLab.run(ns)) {
            assertTrue(install.run(args).isChanged());
        }
        String kubeconfig = HelmLab.lab().kubeconfigYaml();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (Isolated loader = new Isolated(classPath())) {
            Thread.currentThread().setContextClassLoader(loader); // fabric8 finds its model classes through it
            Class<?> directory = loader.loadClass(ClusterDirectory.class.getName());
            Object labDirectory = Proxy.newProxyInstance(loader, new Class<?>[] {directory},
                    (proxy, method, a) -> method.getName().equals("kubeconfigYaml") ? Optional.of(kubeconfig) : null);
            Class<?> directRun = loader.loadClass(DirectRun.class.getName());
            Object module = loader.loadClass(HelmRelease.class.getName()).getConstructor().newInstance();
            Object run = directRun.getMethod("of", loader.loadClass(Module.class.getName())).invoke(null, module);
            run = directRun.getMethod("vars", Map.class).invoke(run, Map.of("kubeconfig", "lab", "kube_context", HelmLab.CLUSTER, "namespace", ns));
            run = directRun.getMethod("service", Class.class, Object.class).invoke(run, directory, labDirectory);
            Object result = directRun.getMethod("run", Map.class).invoke(run, args);
            assertEquals(false, result.getClass().getMethod("isChanged").invoke(result), String.valueOf(result));
            assertEquals(false, result.getClass().getMethod("isFailed").invoke(result), String.valueOf(result));
            assertNull(loader.loaded("com.marcnuri.helm.Helm"), "an unchanged release needed no Helm");
            assertNull(loader.loaded("com.marcnuri.helm.jni.NativeLibrary"));
            directRun.getMethod("close").invoke(run);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** A class loader of its own over the test class path, that tells which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        Class<?> loaded(String name) {
            return findLoadedClass(name);
        }
    }
}
