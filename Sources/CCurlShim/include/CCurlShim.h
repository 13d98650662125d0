#ifndef INTAKE_CCURL_SHIM_H
#define INTAKE_CCURL_SHIM_H

#include <curl/curl.h>

/// Typed, non-variadic wrappers over curl_easy_setopt / curl_easy_getinfo, which Swift cannot call
/// because they are C variadic functions. One wrapper per argument type curl accepts.
CURLcode intake_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode intake_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode intake_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode intake_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode intake_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

typedef size_t (*intake_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);
CURLcode intake_curl_setopt_write_function(CURL *handle, intake_curl_data_callback callback);
CURLcode intake_curl_setopt_read_function(CURL *handle, intake_curl_data_callback callback);
CURLcode intake_curl_setopt_header_function(CURL *handle, intake_curl_data_callback callback);

CURLcode intake_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode intake_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);

#endif
