package io.runbook.engine.vars;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.features.FeatureConfig;
import com.hubspot.jinjava.features.Features;
import com.hubspot.jinjava.tree.parse.TokenScannerSymbols;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * The settings Jinjava's token scanner reads (our delimiters, Ansible's trim_blocks, whitespace control), as a
 * {@link JinjavaConfig}, made without running {@code JinjavaConfig}'s constructor.
 *
 * <p>Every {@code JinjavaConfig} constructor makes a Jackson {@code ObjectMapper}, whose class initialisation makes a
 * {@code SimpleDateFormat}: its first {@code Calendar} has the JDK list every locale the CLDR calendar data knows, one
 * {@code Locale} each, to find Locale.US's first day of the week. That and Jackson's ~400 classes were about a third
 * of a syntax check's own work (JFR samples of the main thread: 157 of 554), for a mapper the scanner never uses:
 * it reads only the getters this class overrides (symbols, legacy overrides, trim and lstrip blocks, features; checked
 * by {@code ScanConfigTest} against a config built the usual way). So the instance is allocated as serialization
 * libraries do ({@code Unsafe.allocateInstance}: no constructor runs, every field of {@code JinjavaConfig} stays
 * unset) and answers from constants; where that is not possible, {@link #create()} falls back to the builder.
 */
final class ScanConfig extends JinjavaConfig {
    static final boolean TRIM_BLOCKS = true;
    /** Off, and so {@link TemplateTree} has no lstrip of text before a tag as Jinjava's TreeParser has. */
    static final boolean LSTRIP_BLOCKS = false;
    static final TokenScannerSymbols SYMBOLS = new StandardSymbols();
    static final LegacyOverrides OVERRIDES = LegacyOverrides.newBuilder()
            .withParseWhitespaceControlStrictly(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withHandleBackslashInQuotesOnly(true)
            .build();
    static final Features FEATURES = new Features(FeatureConfig.newBuilder().build());

    /** Never called: instances are allocated by {@link #create()} (which would make the mapper this class avoids). */
    private ScanConfig() {
        super();
    }

    /** The scanner's configuration: a ScanConfig when one can be allocated, else one built the usual way. */
    static JinjavaConfig create() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            // a method handle, not Method.invoke: that asks whether the method is caller-sensitive by reading its
            // annotations, and the first annotation read makes the JVM generate a proxy class
            MethodHandle allocate = MethodHandles.lookup()
                    .findVirtual(unsafeClass, "allocateInstance", MethodType.methodType(Object.class, Class.class))
                    .bindTo(field.get(null));
            return (JinjavaConfig) (Object) allocate.invokeExact((Class<?>) ScanConfig.class);
        } catch (Throwable e) {
            return built();
        }
    }

    /** The same settings through Jinjava's builder (with the mapper every built config makes). */
    static JinjavaConfig built() {
        return built(TRIM_BLOCKS, LSTRIP_BLOCKS);
    }

    /** The same settings with the template module's own trim_blocks and lstrip_blocks (made rarely: no constants). */
    static JinjavaConfig built(boolean trimBlocks, boolean lstripBlocks) {
        return JinjavaConfig.newBuilder()
                .withTrimBlocks(trimBlocks)
                .withLstripBlocks(lstripBlocks)
                .withKeepTrailingNewline(true)
                .withTokenScannerSymbols(SYMBOLS)
                .withLegacyOverrides(OVERRIDES)
                .build();
    }

    @Override
    public TokenScannerSymbols getTokenScannerSymbols() {
        return SYMBOLS;
    }

    @Override
    public LegacyOverrides getLegacyOverrides() {
        return OVERRIDES;
    }

    @Override
    public boolean isTrimBlocks() {
        return TRIM_BLOCKS;
    }

    @Override
    public boolean isLstripBlocks() {
        return LSTRIP_BLOCKS;
    }

    @Override
    public boolean isKeepTrailingNewline() {
        return true;
    }

    @Override
    public Features getFeatures() {
        return FEATURES;
    }
}
