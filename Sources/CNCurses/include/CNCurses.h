// The one C header DescentTUI reaches ncurses through. Wide-character ncurses needs
// NCURSES_WIDECHAR before the include; macros and C globals that Swift cannot import (or
// that Swift 6 rejects as not concurrency-safe) are wrapped in functions.
#ifndef CNCURSES_H
#define CNCURSES_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <wchar.h>

/// A new screen on stdout and stdin, or NULL for an unknown TERM.
SCREEN *descent_newterm(void);
/// The standard screen.
WINDOW *descent_stdscr(void);
int descent_lines(void);
int descent_cols(void);
int descent_colors(void);
int descent_color_pairs(void);
attr_t descent_a_bold(void);
attr_t descent_a_reverse(void);
attr_t descent_a_dim(void);
int descent_key_mouse(void);
int descent_key_resize(void);
int descent_key_btab(void);
int descent_key_enter(void);
/// Whether the terminal can address the cursor (the terminfo `cup` capability).
int descent_has_cursor_addressing(void);
/// Writes one character cell, a NUL-terminated cluster (a character and its combining marks),
/// with an extended colour pair.
int descent_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair);
/// Writes bytes to stdout and flushes them: frames ncurses cannot draw (direct colour on a
/// terminfo entry without it).
void descent_write_stdout(const char *bytes, size_t length);
/// Mouse clicks: the last event's position, or -1 if it was not a button-1 press or click.
int descent_read_click(int *y, int *x);
/// Asks the terminal for mouse reports (presses, releases, and motion while a button is
/// held, in SGR encoding), which arrive as escape sequences for descent to decode.
void descent_enable_mouse(void);
/// Turns the mouse reports off again.
void descent_disable_mouse(void);

/// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT that only record the signal, without
/// SA_RESTART, so a blocking read returns and the loop can restore the terminal and exit.
void descent_install_signal_handlers(void);
/// On a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP: a Swift trap among them),
/// restores the terminal settings saved now and leaves the alternate screen before the crash
/// goes on to its previous handler. Call before ncurses takes over the terminal.
void descent_install_fatal_handlers(void);
/// Sends stderr to a temporary file while the screen is taken over, so messages (a crash's
/// among them) are not lost on the alternate screen.
void descent_capture_stderr(void);
/// Puts stderr back and writes out what was captured. Safe to call from a signal handler.
void descent_release_stderr(void);
/// The signal received since the handlers were installed, or 0.
int descent_pending_signal(void);

/// Whether the terminal has gone away: stdin or stdout reports a hang-up or an error (the
/// other end of a pseudo-terminal closed, an SSH connection dropped without SIGHUP).
int descent_terminal_hung_up(void);

#endif
