/* Nothing to compile: the header is the whole target (SwiftPM needs one source file). */
#include "CEventPoll.h"
