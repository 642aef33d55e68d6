package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loading and describing helm_release (what {@code engine.jar modules} and every run's module lookup do)
 * loads no helm-java class, so the native library is never extracted for a run without Helm tasks.
 */
class HelmLoadingTest {

    @Test
    void theModuleClassLoadsWithoutLoadingHelm() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (Isolated loader = new Isolated(urls.toArray(URL[]::new))) {
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
