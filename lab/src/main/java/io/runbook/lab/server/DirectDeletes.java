package io.runbook.lab.server;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * The deletes of one named object in one {@link ObjectStore}, found among the candidates its {@link StoreKeys} index
 * gives instead of through the CRUD store's pass over every stored key. A delete it cannot take goes to the store's own
 * (given by the caller), still under the locks taken so far, as when it was the store's override.
 */
final class DirectDeletes {
  private final ObjectStore store;
  private final StoreKeys keys;

  DirectDeletes(ObjectStore store, StoreKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /**
   * The CRUD store's delete of one named object, from the candidates the index gives: its own finds the object by
   * parsing the URL again and testing every stored key, then reads the object into fabric8's model to look at its
   * finalizers (a rotation's Secret deletes over a thousand clusters spent more time there than in the change
   * itself). Same answer and same change; an object that may have finalizers, a path without a name, or a store
   * whose lock cannot be reached is left to the CRUD store's own delete
   * ({@code storesOwn}).
   */
  MockResponse delete(String path, Function<String, MockResponse> storesOwn) {
    AttributeSet query = store.getKey(path);
    Lock lock = query.containsKey("name") ? Fabric8Fields.writeLock(store) : null;
    if (lock == null) {
      return storesOwn.apply(path);
    }
    lock.lock();
    try {
      List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
      synchronized (keys) {
        Collection<Map.Entry<AttributeSet, String>> candidates = keys.candidates(query);
        if (candidates == null) {
          return storesOwn.apply(path);
        }
        for (Map.Entry<AttributeSet, String> candidate : candidates) {
          if (HashedKey.matches(candidate.getKey(), query)) {
            if (candidate.getValue().contains("\"finalizers\"")) {
              return storesOwn.apply(path);  // marked for deletion rather than removed: the CRUD store's rules
            }
            found.add(new SimpleImmutableEntry<>(candidate));
          }
        }
      }
      if (found.isEmpty()) {
        return new MockResponse().setResponseCode(404);
      }
      for (Map.Entry<AttributeSet, String> entry : found) {
        store.processEvent(path, query, entry.getKey(), null, null);
      }
      return new MockResponse().setResponseCode(200).setBody(found.get(0).getValue());
    } finally {
      lock.unlock();
    }
  }
}
