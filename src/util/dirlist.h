/* dirlist.h — the files of a folder with a given ending. */
#ifndef RS_DIRLIST_H
#define RS_DIRLIST_H

/* Sorted names (not paths) of the files in 'dir' ending in 'suffix';
 * returns how many, or -1 with errno set when 'dir' cannot be read.  Free
 * with rs_free_list. */
long rs_list_files(const char *dir, const char *suffix, char ***names);
void rs_free_list(char **names, long n);

#endif
