#include "demo.h"

static struct flb_config_map unrelated_map[] = {
    {FLB_CONFIG_MAP_STR, "not_this", "x", 0, FLB_FALSE, 0, "belongs to no plugin"},
    {0}
};

static struct flb_config_map demo_options[] = {
    {
     FLB_CONFIG_MAP_STR, "label", NULL,
     0, FLB_TRUE, offsetof(struct demo_ctx, label),
     "A label, \"quoted\", with a comma "
     "split over "
     "three literals."
    },
    {
     FLB_CONFIG_MAP_TIME, "rotate_wait", DEMO_ROTATE_WAIT,
     0, FLB_TRUE, offsetof(struct demo_ctx, rotate_wait),
     "Seconds to wait"
    },
    {
     FLB_CONFIG_MAP_INT, "window", FLB_STRINGIFY(DEMO_WINDOW),
     0, FLB_FALSE, 0,
     ""
    },
    {
     FLB_CONFIG_MAP_STR, "add", (char *) NULL,
     FLB_CONFIG_MAP_MULT, FLB_FALSE, 0,
     "Add a pair; may repeat"
    },
    {
     FLB_CONFIG_MAP_SLIST_2, "rename", NULL,
     FLB_CONFIG_MAP_MULT | FLB_CONFIG_MAP_DYNAMIC_ENV, FLB_FALSE, 0,
     "Rename a key"
    },
    {
     FLB_CONFIG_MAP_CLIST, "paths", "a,b",
     0, FLB_FALSE, 0, "Comma list"
    },
#ifdef FLB_HAVE_REGEX
    {
     FLB_CONFIG_MAP_STR, "regex", NULL,
     FLB_CONFIG_MAP_MULT, FLB_FALSE, 0,
     "Only with regex support"
    },
#endif
    /*
    {
     FLB_CONFIG_MAP_STR, "commented_out", NULL,
     FLB_CONFIG_MAP_MULT, FLB_FALSE, 0, "gone"
    },
    */
    // {FLB_CONFIG_MAP_STR, "line_commented", NULL, FLB_CONFIG_MAP_MULT, FLB_FALSE, 0, "gone"},

    /* EOF */
    {0}
};

static int after_the_array[] = { 1, 2, 3 };

struct flb_filter_plugin filter_demo_plugin = {
    .name         = "demo",
    .description  = "Demo filter",
    .cb_init      = cb_demo_init,
    .config_map   = demo_options,
    .flags        = 0
};
