/* messages.h — the words of every rs_msg (util.h): one table of templates,
 * a Dutch and an English text per message id.  Lower layers (engine,
 * write) record the id and the numbers; output and cli put them in words
 * in the language of the run, with the display labels of labels.h and the
 * prose money format ("€ 85 mln"). */
#ifndef RS_MESSAGES_H
#define RS_MESSAGES_H

#include <stddef.h>

#include "../util/util.h"

typedef struct rs_msg_template {
    int id;
    const char *nl, *en;
} rs_msg_template;

/* Indexed by id; a test checks that every id has both texts. */
extern const rs_msg_template rs_msg_templates[RS_MSG_N];

/* 'm' in words into 'out' (always terminated).  Placeholders in the
 * templates: {m0}..{m3} an amount x[k] in prose money, {y3} x[3] as a
 * year, {s0} {s1} the strings as they are, {a0} s[0] as an allocation
 * label, {c0} s[0] as a co-financing source label. */
void rs_msg_format(char *out, size_t n, const rs_msg *m, int nl);
/* Adds 'm' in words to 'd' as a warning. */
void rs_diag_add_msg(rs_diag *d, const rs_msg *m, int nl);
/* Placeholders of the command line's messages: {i0} x[k] as a whole
 * number, {n0} a number with at most 6 decimals, {r0} a share as a
 * percentage ("85 %"), {t0} seconds ("0,4 s", "12 s", "4 min 5 s"), {w0} " of N
 * draws" when x[k] > 0, {e0} the time-estimate clause when x[k] != 0,
 * {f0} "1 factor" / "3 factoren",
 * {M0} the metric of index x[k] by its display name (English: its id),
 * {v1} x[k] in the unit of the metric x[0]. */

/* One message of an rs_diag (util.h) in words: one added with
 * rs_diag_add_id in the language 'nl', any other as it is. */
void rs_diag_text(char *out, size_t n, const char *msg, int nl);
/* Prints every message of 'd' as "regiosim: TEXT" (with "waarschuwing: "
 * / "warning: " before it when 'warning'), the ids in words in language
 * 'nl'. */
void rs_diag_print_lang(const rs_diag *d, FILE *f, int nl, int warning);
/* 'm' in English: the wording rs_diag_print uses (rs_diag_set_wording). */
void rs_msg_words_en(char *out, size_t n, const rs_msg *m);

#endif
