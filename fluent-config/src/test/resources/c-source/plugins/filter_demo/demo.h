#ifndef FLB_FILTER_DEMO_H
#define FLB_FILTER_DEMO_H
/* default wait, in seconds */
#define DEMO_ROTATE_WAIT   "5"
#define DEMO_WINDOW        (5)
struct demo_ctx {
    int rotate_wait;
    char *label, *other;
};
#endif
