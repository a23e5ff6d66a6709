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

#endif
