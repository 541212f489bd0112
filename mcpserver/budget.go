package mcpserver

import (
	"fmt"
	"math"
	"strings"
)

// Assistants drop (or truncate without saying so) tool answers over their limit, commonly around
// 25,000 tokens. No answer goes over maxAnswerTokens; longer ones are cut into parts at paragraph
// boundaries, and each part says which it is and how to ask for the next.
const (
	maxAnswerTokens = 20_000
	// bytesPerToken is a cautious figure for Markdown with URLs and code (English prose runs ~4 bytes
	// a token; URLs, identifiers and punctuation fewer), so that a part stays under the limit.
	bytesPerToken = 3
	maxPartBytes  = maxAnswerTokens * bytesPerToken
)

// estimateTokens is the token count budgets assume for text.
func estimateTokens(text string) int { return (len(text) + bytesPerToken - 1) / bytesPerToken }

// pageNumber turns a page argument (any number; 0 or missing means the first) into a 1-based part.
func pageNumber(n float64) int {
	if math.IsNaN(n) || n < 1 {
		return 1
	}
	if n > 1e6 {
		return 1e6
	}
	return int(n)
}

// paginate returns part page (1-based) of text, cut into parts of at most limit bytes. An answer that
// fits is returned as it is; a part of a longer one ends by naming the part and the page argument
// that continues it. A page past the end is an error that says how many parts there are.
func paginate(text string, page, limit int) (string, error) {
	if len(text) <= limit && page <= 1 {
		return text, nil
	}
	const noteRoom = 200 // the closing note
	parts := splitParts(text, limit-noteRoom)
	if page > len(parts) {
		return "", errText(fmt.Sprintf("This answer has %d part(s); page %d is past its end. Call again with page 1 to %d.", len(parts), page, len(parts)))
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	part := strings.TrimRight(parts[page-1], "\n")
	if page < len(parts) {
		return fmt.Sprintf("%s\n\n---\n*Part %d of %d of this answer (cut to stay under ~%d tokens). Continue: the same call with `page: %d`.*\n", part, page, len(parts), maxAnswerTokens, page+1), nil
	}
	return fmt.Sprintf("%s\n\n---\n*Part %d of %d of this answer: the end.*\n", part, page, len(parts)), nil
}

// splitParts cuts text into pieces of at most limit bytes: at blank lines outside code fences when it
// can, else at line ends (closing and reopening a fence it cuts through), else inside a line.
func splitParts(text string, limit int) []string {
	limit = max(limit, 200)
	var parts []string
	var cur strings.Builder
	fence := "" // the fence line of the code block cur is inside, if any
	lastBreak := -1
	flush := func(upTo int) {
		s := cur.String()
		if upTo < 0 || upTo > len(s) {
			upTo = len(s)
		}
		parts = append(parts, s[:upTo])
		rest := s[upTo:]
		cur.Reset()
		cur.WriteString(strings.TrimLeft(rest, "\n"))
		lastBreak = -1
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		for len(line) > limit { // one line longer than a part: cut it
			if cur.Len() > 0 {
				flush(-1)
			}
			cut := limit
			for cut > 0 && line[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
				cut--
			}
			parts = append(parts, line[:cut])
			line = line[cut:]
		}
		if cur.Len()+len(line) > limit && fence == "" && lastBreak > 0 {
			flush(lastBreak)
		}
		if cur.Len()+len(line) > limit {
			if fence != "" { // close the code block here and reopen it in the next part
				cur.WriteString(strings.TrimSpace(fence)[:3] + "\n")
				flush(-1)
				cur.WriteString(fence)
			} else {
				flush(-1)
			}
		}
		cur.WriteString(line)
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			if fence == "" {
				fence = line
				if !strings.HasSuffix(fence, "\n") {
					fence += "\n"
				}
			} else {
				fence = ""
			}
		}
		if t == "" && fence == "" {
			lastBreak = cur.Len()
		}
	}
	if strings.TrimSpace(cur.String()) != "" || len(parts) == 0 {
		parts = append(parts, cur.String())
	}
	return parts
}
