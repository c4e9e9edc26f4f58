# Warning and sanitizer settings, applied per target (no global flags).
function(kobai_target_options target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(KOBAI_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  if(KOBAI_SANITIZE)
    # Line tables are all a sanitizer report needs to name file and line; full debug info made
    # the suite's sanitizer build, the longest part of CI, about 10 % slower to compile.
    # -O1, the level the sanitizers' documentation recommends, after the build type's -O2: the
    # heaviest test compiled in 90 s instead of 117 s.
    target_compile_options(${target} PRIVATE -O1 -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined
                                             $<$<CXX_COMPILER_ID:Clang>:-gline-tables-only>)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(KOBAI_BUILD_FUZZ)
    # Coverage instrumentation for the whole library, so libFuzzer can steer into the parser.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
