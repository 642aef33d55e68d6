package io.runbook.lab.server;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Key;
import java.util.Map;

/**
 * A stored key whose hash is worked out once: the store's map and the index hash a key (a map of attributes, each
 * hashed through varargs arrays) on every lookup, put and removal. Equal only to keys of its own class, which is
 * what the map holds (lookups by query match keys, they never hash a query).
 *
 * <p>With it, {@link #matches} tests a stored key against a query by the attributes both hold. Both need the
 * attributes of fabric8's sets ({@link Fabric8Fields#attributes}); when they cannot be reached, keys are stored as
 * they are and matched by fabric8's own test.
 */
final class HashedKey extends AttributeSet {
  private final int hash;
  /** The attributes (the map fabric8's set holds), for {@link #matches} without reflection. */
  private final Map<Key, Attribute> attributes;

  private HashedKey(Map<Key, Attribute> attributes) {
    super(attributes);
    this.attributes = attributes;
    this.hash = super.hashCode();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof HashedKey other && hash == other.hash && super.equals(other);
  }

  /** {@code key} with its hash kept, or itself when its attributes cannot be reached. */
  static AttributeSet hashed(AttributeSet key) {
    Map<Key, Attribute> attributes = Fabric8Fields.attributes(key);
    if (attributes == null) {
      return key;
    }
    try {
      return new HashedKey(attributes);
    } catch (RuntimeException e) {
      return key;
    }
  }

  /**
   * Whether a stored key matches a query, as {@link AttributeSet#matches} decides: for a query of plain equalities
   * (what paths give) each of its attributes is looked up by its key, where fabric8's own test streams over the query
   * and searches each of the key's attributes for an equal one ({@code containsValue}; an attribute is always filed
   * under its own key, so the one under that key is the only one that can be equal). Other operators (label selectors'
   * {@code !=}, {@code in}, {@code exists}) keep fabric8's test.
   */
  static boolean matches(AttributeSet key, AttributeSet query) {
    Map<Key, Attribute> have = key instanceof HashedKey hashedKey ? hashedKey.attributes
        : Fabric8Fields.attributes(key);
    Map<Key, Attribute> wanted = Fabric8Fields.attributes(query);
    if (have == null || wanted == null) {
      return key.matches(query);
    }
    for (Attribute attribute : wanted.values()) {
      if (attribute.getType() != AttributeType.WITH) {
        return key.matches(query);
      }
    }
    for (Attribute attribute : wanted.values()) {
      if (!attribute.equals(have.get(attribute.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
