/// The last `capacity` values pushed, oldest dropped first: the bounded memory behind rewind.
/// Memory stays flat however long a run goes.
struct History<Element: Sendable>: Sendable {
  let capacity: Int
  private var storage: [Element] = []
  private var start = 0

  init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  var count: Int { storage.count }
  var isEmpty: Bool { storage.isEmpty }

  /// The newest element.
  var last: Element? { newest { _ in true } }

  /// The newest element that satisfies `predicate`, looking back from the newest at most
  /// `limit` elements.
  func newest(within limit: Int = .max, where predicate: (Element) -> Bool) -> Element? {
    let count = storage.count
    // The newest is just before `start` once the storage has wrapped.
    let newest = count < capacity || start == 0 ? count - 1 : start - 1
    for k in 0..<min(count, limit) {
      let element = storage[(newest - k + count) % count]
      if predicate(element) { return element }
    }
    return nil
  }

  mutating func push(_ element: Element) {
    if storage.count < capacity {
      storage.append(element)
    } else {
      storage[start] = element
      start = (start + 1) % capacity
    }
  }

  /// Removes and returns the newest element.
  mutating func pop() -> Element? {
    guard !storage.isEmpty else { return nil }
    if storage.count < capacity || start == 0 {
      return storage.removeLast()
    }
    // Full and wrapped: the newest is just before `start`. Unwrap, then pop.
    storage = Array(storage[start...] + storage[..<start])
    start = 0
    return storage.removeLast()
  }

  mutating func removeAll() {
    storage.removeAll(keepingCapacity: true)
    start = 0
  }
}
