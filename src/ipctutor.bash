# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# ipctutor.bash: bash completion for ipctutor, installed by make install as
# $(datadir)/bash-completion/completions/ipctutor.  It completes the
# options, the subcommands (server, client, watch) and their options, and
# lesson names, which it asks the program itself for (ipctutor --complete
# "goto ", the same completion as the tutor's prompt), so the list is
# always the installed lessons.  @LINGUAS@ is filled in by make.

_ipctutor()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local sub= word opts

	for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
		case $word in
		server|client|watch) sub=$word; break ;;
		esac
	done
	# "--lang=fr" reaches a completion function as three words: --lang = fr.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	case $prev in
	--lang)
		COMPREPLY=($(compgen -W "en @LINGUAS@" -- "$cur"))
		return ;;
	--lessons)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--transcript)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--book)
		COMPREPLY=($(compgen -W "index $("${COMP_WORDS[0]}" --complete 'goto ' 2>/dev/null)" -- "$cur"))
		return ;;
	--width|--count)
		return ;;
	esac

	case $sub in
	server) opts="--shm --lang= --width= --help" ;;
	client) opts="--shm --naive --count= --lang= --width= --help" ;;
	watch) opts="--once --lang= --width= --help" ;;
	*)
		opts="--list --lang= --shared --lessons= --reproducible --width= --book= --transcript= --present --lead --follow --help --version"
		if [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "server client watch $("${COMP_WORDS[0]}" --complete 'goto ' 2>/dev/null)" -- "$cur"))
			return
		fi ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
}
complete -F _ipctutor ipctutor
