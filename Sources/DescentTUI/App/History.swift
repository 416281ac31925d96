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
  var last: Element? {
    guard !storage.isEmpty else { return nil }
    return storage.count < capacity || start == 0
      ? storage.last : storage[(start + capacity - 1) % capacity]
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
