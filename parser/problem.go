package parser

import (
	"regexp"
	"strings"
)

// problemText is the description as written: the text without greeting,
// field lines, commands, forwarded headers and the closing/signature.
// fwd is the line forwarded content starts at (forwardStart).
func problemText(lines []string, used []bool, fwd int) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		switch {
		case used[i]:
			// An intro to the fields ("Please see the details below:") is no
			// description; one that says the rest of a table is faulty
			// ("No action needed on the first two, but the rest do not
			// boot:") is.
			if len(cur) > 0 && strings.HasSuffix(cur[len(cur)-1], ":") && firstHealthy(strings.ToLower(cur[len(cur)-1])) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			} else if len(cur) > 0 && strings.HasSuffix(cur[len(cur)-1], ":") {
				cur = nil
			} else if len(cur) == 0 && len(paras) > 0 && strings.HasSuffix(paras[len(paras)-1], ":") && firstHealthy(strings.ToLower(paras[len(paras)-1])) == 0 {
				paras = paras[:len(paras)-1]
			}
			flush()
			continue
		case t == "":
			flush()
			continue
		case len(t) < 60 && isGreeting(t):
			continue
		case strings.HasPrefix(t, "#"):
			continue
		case isForwardMarker(t) || isOriginalMessage(t) || i == fwd && isUnderscoreRule(t):
			flush()
			continue
		case mayBeField(t) && (headerKind(t) != 0 || hasPrefixFold(t, "cc:")):
			continue
		case isClosing(t):
			flush()
			if i < fwd {
				// a reseller's "Thanks, Mike" over the customer's forwarded
				// request: the fault is described below it
				i = fwd - 1
				continue
			}
			return finishProblem(paras)
		}
		cur = append(cur, t)
	}
	flush()
	return finishProblem(paras)
}

func finishProblem(paras []string) string {
	// Drop trailing courtesy lines ("Thanks for your help.", "Please advise.").
	for len(paras) > 0 && courtesy.MatchString(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	s := cutUTF8(strings.Join(paras, "\n\n"), 4000) // never half a character
	return strings.TrimSpace(s)
}

var courtesy = regexp.MustCompile(`(?i)^(thanks?( you)?( in advance)?( for your (help|support|assistance))?|please advise|let me know.*|looking forward.*|vielen dank.*|merci.*)[.!]*$`)
