package io.runbook.lab.server;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Key;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The private fields of fabric8's mock server that the lab's shortcuts read, each reached once by reflection. Every
 * accessor answers null when its field cannot be reached (another fabric8 version, access denied): the caller then
 * takes fabric8's own path.
 */
final class Fabric8Fields {
  /** The attributes of a key (a field of fabric8's, reached once by reflection), or null when it cannot be reached. */
  private static final Field ATTRIBUTES = field(AttributeSet.class, "attributes", Map.class);

  /**
   * The CRUD store's lock, which its writes hold (a private field of fabric8's store: reached once, by reflection),
   * or null when this fabric8 version has none by that name; deletes then take the store's own, slower path.
   */
  private static final Field WRITE_LOCK = field(KubernetesCrudDispatcher.class, "lock", ReadWriteLock.class);

  private Fabric8Fields() {
  }

  /** The attributes of {@code set} (the map fabric8's set holds), or null when they cannot be reached. */
  @SuppressWarnings("unchecked")
  static Map<Key, Attribute> attributes(AttributeSet set) {
    if (ATTRIBUTES == null) {
      return null;
    }
    try {
      return (Map<Key, Attribute>) ATTRIBUTES.get(set);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The write lock of {@code store}'s CRUD store, which its own writes take, or null when it cannot be reached. */
  static Lock writeLock(KubernetesCrudDispatcher store) {
    if (WRITE_LOCK == null) {
      return null;
    }
    try {
      return ((ReadWriteLock) WRITE_LOCK.get(store)).writeLock();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** {@code owner}'s field {@code name}, made accessible, or null when there is none of that type or no access. */
  private static Field field(Class<?> owner, String name, Class<?> type) {
    try {
      Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return type.isAssignableFrom(field.getType()) ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
