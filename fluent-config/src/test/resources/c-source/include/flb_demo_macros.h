#ifndef FLB_DEMO_MACROS_H
#define FLB_DEMO_MACROS_H
#define FLB_STR(x) #x
#define FLB_STRINGIFY(x) FLB_STR(x)
#endif
