import DescentRender
import Foundation

/// Everything that can happen to the app. Key presses, clicks, the passing of time and
/// resizes all go through the same `Model.update`.
public enum Event: Sendable, Equatable {
  case key(Key)
  /// A mouse click on a cell.
  case click(column: Int, row: Int)
  /// Time has passed.
  case tick(TimeInterval)
  case resize(width: Int, height: Int)
  /// Input that means nothing here (Alt with a key, Home, a paste): the message says so.
  case ignored(String)
}

/// What the loop should do after an update.
public enum Effect: Sendable, Equatable {
  case none
  case quit
}
