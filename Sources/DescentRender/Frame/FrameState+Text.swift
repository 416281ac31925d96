extension FrameState {
  /// `text` as this frame can show it: unchanged with Unicode, spelled in ASCII without
  /// (`∇f` is `grad f`). Text is converted before it is measured, so panels fit what shows.
  func text(_ text: String) -> String { unicode ? text : ASCIIFallback.text(text) }
}
