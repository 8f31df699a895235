package org.cnlp.model.ner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Mends span edges that cut through punctuation. The tokenizer makes every bracket and comma a
 * word of its own, so a tagger can end a span on the "(" that opens an abbreviation
 * ("[daidzein (]DZ)") or start one after the bracket a chemical name opens with
 * ("(2R,4R[)-4-aminopyrrolidine...]"). An entity never ends with an opening bracket or a
 * separator, never starts with a closing bracket or a separator, and keeps its brackets paired:
 * such an edge is trimmed, and a bracket left unpaired inside the span takes in its partner when
 * that stands right outside it. Offsets stay exact; a span trimmed to nothing is dropped.
 */
final class SpanPunctuation {

    private static final String OPENING = "([{";
    private static final String CLOSING = ")]}";
    private static final String NEVER_LAST = ",;:/" + OPENING;
    private static final String NEVER_FIRST = ",;:/" + CLOSING;

    private SpanPunctuation() {}

    /** The spans of {@code text} with their edges mended, in the same order. */
    static List<NerSpan> mend(String text, List<NerSpan> spans) {
        List<NerSpan> out = new ArrayList<>(spans.size());
        for (NerSpan span : spans) {
            int begin = span.begin();
            int end = Math.min(span.end(), text.length());
            boolean changed = true;
            while (changed && end > begin) {
                changed = false;
                if (NEVER_LAST.indexOf(text.charAt(end - 1)) >= 0) {
                    end = stripEnd(text, begin, end - 1);
                    changed = true;
                } else if (NEVER_FIRST.indexOf(text.charAt(begin)) >= 0) {
                    begin = stripBegin(text, begin + 1, end);
                    changed = true;
                } else {
                    int[] unpaired = unpaired(text, begin, end);
                    if (unpaired[0] >= 0 && begin > 0 && text.charAt(begin - 1) == partner(text.charAt(unpaired[0]))) {
                        begin--;
                        changed = true;
                    } else if (unpaired[1] >= 0 && end < text.length() && text.charAt(end) == partner(text.charAt(unpaired[1]))) {
                        end++;
                        changed = true;
                    }
                }
            }
            if (end > begin) {
                out.add(begin == span.begin() && end == span.end() ? span : new NerSpan(span.type(), begin, end, span.confidence()));
            }
        }
        return out;
    }

    /** {first closing bracket without its opening one, last opening bracket without its closing one}; -1 for none. */
    private static int[] unpaired(String text, int begin, int end) {
        Deque<Integer> open = new ArrayDeque<>();
        int firstUnopened = -1;
        for (int i = begin; i < end; i++) {
            char c = text.charAt(i);
            if (OPENING.indexOf(c) >= 0) {
                open.push(i);
            } else if (CLOSING.indexOf(c) >= 0) {
                if (!open.isEmpty() && text.charAt(open.peek()) == partner(c)) {
                    open.pop();
                } else if (firstUnopened < 0) {
                    firstUnopened = i;
                }
            }
        }
        return new int[] {firstUnopened, open.isEmpty() ? -1 : open.peek()};
    }

    private static char partner(char bracket) {
        int o = OPENING.indexOf(bracket);
        return o >= 0 ? CLOSING.charAt(o) : OPENING.charAt(CLOSING.indexOf(bracket));
    }

    private static int stripEnd(String text, int begin, int end) {
        while (end > begin && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static int stripBegin(String text, int begin, int end) {
        while (begin < end && Character.isWhitespace(text.charAt(begin))) {
            begin++;
        }
        return begin;
    }
}
