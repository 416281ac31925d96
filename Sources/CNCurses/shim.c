#include "CNCurses.h"

#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <limits.h>

SCREEN *descent_newterm(void) { return newterm(NULL, stdout, stdin); }
WINDOW *descent_stdscr(void) { return stdscr; }
int descent_lines(void) { return LINES; }
int descent_cols(void) { return COLS; }
int descent_colors(void) { return COLORS; }
int descent_color_pairs(void) { return COLOR_PAIRS; }
attr_t descent_a_bold(void) { return A_BOLD; }
attr_t descent_a_reverse(void) { return A_REVERSE; }
attr_t descent_a_dim(void) { return A_DIM; }
int descent_key_mouse(void) { return KEY_MOUSE; }
int descent_key_resize(void) { return KEY_RESIZE; }
int descent_key_btab(void) { return KEY_BTAB; }
int descent_key_enter(void) { return KEY_ENTER; }

int descent_has_cursor_addressing(void) {
  const char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1;
}

int descent_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
  cchar_t cell;
  // A spacing character and up to CCHARW_MAX - 1 combining marks; setcchar refuses more.
  wchar_t cluster[CCHARW_MAX + 1];
  int n = 0;
  while (n < CCHARW_MAX && text[n] != 0) {
    cluster[n] = text[n];
    n++;
  }
  cluster[n] = 0;
  // The pair goes through the int pointer: COLOR_PAIR() keeps only 8 bits. A cluster
  // setcchar refuses (an emoji sequence joined by U+200D has spacing characters after the
  // first) is drawn as its first character.
  if (setcchar(&cell, cluster, attributes, 0, &pair) != OK) {
    cluster[1] = 0;
    if (setcchar(&cell, cluster, attributes, 0, &pair) != OK) return ERR;
  }
  return mvwadd_wch(stdscr, y, x, &cell);
}

void descent_enable_mouse(void) {
  // ncurses' own mouse support asks for press and release reports only (mode 1000) and
  // reads motion poorly, so descent reads the reports itself: KEY_MOUSE unbound, so that
  // a report reaches the escape-sequence decoder whole; button-event tracking (1002: press,
  // release, and motion while a button is held, which a drag needs) in SGR encoding (1006:
  // no limit on the column, a release that names its button).
  keyok(KEY_MOUSE, FALSE);
  static const char on[] = "\033[?1002h\033[?1006h";
  descent_write_stdout(on, sizeof on - 1);
}

void descent_disable_mouse(void) {
  static const char off[] = "\033[?1006l\033[?1002l";
  descent_write_stdout(off, sizeof off - 1);
}

int descent_read_click(int *y, int *x) {
  MEVENT event;
  if (getmouse(&event) != OK) return -1;
  if (!(event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))) return -1;
  *y = event.y;
  *x = event.x;
  return 0;
}

static volatile sig_atomic_t pending_signal = 0;

static void record_signal(int signal) { pending_signal = signal; }

void descent_install_signal_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns with EINTR
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  // SIGQUIT (Ctrl-\, kill -QUIT) ends the view like SIGTERM. Left to Swift's backtracer, it
  // would paint a crash report over the view and wait for a key.
  sigaction(SIGQUIT, &action, NULL);
  // A parent may have started us with these blocked (test runners, some launchers do);
  // blocked, they would never reach the handlers, and SIGWINCH never becomes KEY_RESIZE.
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  sigaddset(&wanted, SIGQUIT);
  sigaddset(&wanted, SIGWINCH);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
  // A closed terminal (SSH dropped) must not kill the process before it restores state.
  signal(SIGPIPE, SIG_IGN);
}

int descent_pending_signal(void) { return pending_signal; }

// MARK: - Fatal signals

static struct termios original_termios;
static int have_original_termios = 0;
static struct sigaction previous_actions[NSIG];
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

// MARK: - stderr while the screen is taken over

static int saved_stderr = -1;
static int captured_stderr = -1;

void descent_capture_stderr(void) {
  char path[] = "/tmp/descent-stderr-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return;
  unlink(path);
  saved_stderr = dup(STDERR_FILENO);
  if (saved_stderr < 0 || dup2(fd, STDERR_FILENO) < 0) {
    close(fd);
    return;
  }
  captured_stderr = fd;
}

// Async-signal-safe: puts stderr back and replays what was written to it meanwhile.
void descent_release_stderr(void) {
  if (captured_stderr < 0 || saved_stderr < 0) return;
  dup2(saved_stderr, STDERR_FILENO);
  char buffer[4096];
  ssize_t n;
  if (lseek(captured_stderr, 0, SEEK_SET) == 0) {
    while ((n = read(captured_stderr, buffer, sizeof buffer)) > 0) {
      ssize_t ignored = write(STDERR_FILENO, buffer, (size_t)n);
      (void)ignored;
    }
  }
  close(captured_stderr);
  close(saved_stderr);
  captured_stderr = -1;
  saved_stderr = -1;
}

// Restores the terminal with async-signal-safe calls only, then hands the signal to whoever
// handled it before (Swift's backtracer), by calling its handler directly, and finally ends
// the process with the signal's default action. Swift's handler returns after its report,
// counting on the fault to happen again; a signal sent with kill(1) does not, and the view
// would carry on drawing over the report.
static void restore_then_forward(int signal, siginfo_t *info, void *context) {
  if (have_original_termios) tcsetattr(STDIN_FILENO, TCSANOW, &original_termios);
  // Attributes off; mouse reporting (every mode), focus events and bracketed paste off;
  // keypad and cursor keys back to normal mode (rmkx); cursor visible; main screen.
  static const char reset[] =
      "\033[0m\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l\033[?1015l"
      "\033[?1004l\033[?2004l\033[?1l\033>\033[?25h\033[?1049l\r\n";
  ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
  (void)ignored;
  descent_release_stderr();
  const struct sigaction *previous = &previous_actions[signal];
  if (previous->sa_flags & SA_SIGINFO) {
    if (previous->sa_sigaction) previous->sa_sigaction(signal, info, context);
  } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
    previous->sa_handler(signal);
  }
  struct sigaction fallback;
  memset(&fallback, 0, sizeof fallback);
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal, &fallback, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal);
  raise(signal);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void descent_install_fatal_handlers(void) {
  if (tcgetattr(STDIN_FILENO, &original_termios) == 0) have_original_termios = 1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = restore_then_forward;
  sigemptyset(&action.sa_mask);
  // On the alternate stack if there is one (Swift's runtime sets one up): a stack overflow
  // must still restore the terminal.
  action.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
  for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
    sigaction(fatal_signals[i], &action, &previous_actions[fatal_signals[i]]);
  }
}

// MARK: - Swift's backtracer

// On a terminal, Swift's backtracer is interactive by default: after a crash it asks "Press
// space to interact" and waits up to 30 s for a key, on a terminal the user may no longer
// see. The runtime reads SWIFT_BACKTRACE once, as the process starts, so setting it from
// Swift changes nothing. So, when `descent` starts on a terminal and SWIFT_BACKTRACE says
// nothing of `interactive`, this constructor adds `interactive=no` and executes the same
// program again with the same arguments, before the program has done anything (same
// process ID and descriptors; it costs one exec). The name check keeps other programs that
// link this library (the test runner) as they are. If the exec fails, the program runs on.
__attribute__((constructor)) static void descent_noninteractive_backtraces(
    int argc, char **argv, char **envp) {
  (void)argc;
  (void)envp;
  if (argv == NULL || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return;
  const char *found = getenv("SWIFT_BACKTRACE");
  if (found != NULL && strstr(found, "interactive=") != NULL) return;
  char path[PATH_MAX];
  ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return;
  path[length] = 0;
  const char *slash = strrchr(path, '/');
  if (strcmp(slash ? slash + 1 : path, "descent") != 0) return;
  char original[2048] = "";
  if (found != NULL) snprintf(original, sizeof original, "%s", found);
  char setting[2100];
  snprintf(setting, sizeof setting, "%s%sinteractive=no", original, original[0] ? "," : "");
  setenv("SWIFT_BACKTRACE", setting, 1);
  execv(path, argv);
  if (found != NULL) {
    setenv("SWIFT_BACKTRACE", original, 1);
  } else {
    unsetenv("SWIFT_BACKTRACE");
  }
}

// MARK: - Hang-up

int descent_terminal_hung_up(void) {
  struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = 1, .events = POLLOUT}};
  if (poll(fds, 2, 0) < 0) return 0;
  const short gone = POLLHUP | POLLERR | POLLNVAL;
  return ((fds[0].revents | fds[1].revents) & gone) != 0;
}

void descent_write_stdout(const char *bytes, size_t length) {
  fwrite(bytes, 1, length, stdout);
  fflush(stdout);
}
