# descent's release and install targets. Development uses SwiftPM directly (README).
#
#   make release                          # dist/descent-VERSION-linux-ARCH.tar.gz
#   make install PREFIX=~/.local          # binary, man page, bash/zsh/fish completions
#   make uninstall PREFIX=~/.local        # removes exactly what install put there
#
# DESTDIR is honoured, for packagers.

PREFIX ?= /usr/local
STAGE := .build-release/stage
ROOT = $(DESTDIR)$(PREFIX)
FILES := bin/descent share/man/man1/descent.1 share/bash-completion/completions/descent \
	share/zsh/site-functions/_descent share/fish/vendor_completions.d/descent.fish

.PHONY: release stage install uninstall

release:
	scripts/release.sh

stage:
	scripts/release.sh --stage

install: stage
	install -d $(ROOT)/bin $(ROOT)/share/man/man1 $(ROOT)/share/bash-completion/completions \
		$(ROOT)/share/zsh/site-functions $(ROOT)/share/fish/vendor_completions.d
	install -m 755 $(STAGE)/bin/descent $(ROOT)/bin/descent
	@for f in $(filter-out bin/descent,$(FILES)); do \
		echo install -m 644 $(STAGE)/$$f $(ROOT)/$$f; install -m 644 $(STAGE)/$$f $(ROOT)/$$f; \
	done

uninstall:
	@for f in $(FILES); do echo rm -f $(ROOT)/$$f; rm -f $(ROOT)/$$f; done
