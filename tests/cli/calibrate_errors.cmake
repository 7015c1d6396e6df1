# basislab-cli calibrate / inspect refuse bad requests: non-zero exit, one clear line, no file.
# cmake -DCLI=... -DMODEL=... -DTEXT=... -DWORK=... -P calibrate_errors.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(expect_failure what pattern)
  execute_process(COMMAND "${CLI}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${what}: exit status 0\n${out}")
  endif()
  if(NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: stderr does not match '${pattern}':\n${err}")
  endif()
  file(GLOB left "${WORK}/*")
  if(left)
    message(FATAL_ERROR "${what}: left files behind: ${left}")
  endif()
endfunction()

expect_failure("missing text" "error: text file '/nonexistent/text.txt' does not exist"
  calibrate --model "${MODEL}" --text /nonexistent/text.txt --windows 2 --seq-len 32 --out "${WORK}/c.h5")
expect_failure("too many windows" "error: .*tinystories_sample.txt' has [0-9]+ tokens, [0-9]+ windows .* fewer than the 100000 requested"
  calibrate --model "${MODEL}" --text "${TEXT}" --windows 100000 --seq-len 32 --out "${WORK}/c.h5")
expect_failure("window too long" "exceeds max_position_embeddings 512"
  calibrate --model "${MODEL}" --text "${TEXT}" --windows 1 --seq-len 1024 --out "${WORK}/c.h5")
expect_failure("missing --out" "missing required option --out"
  calibrate --model "${MODEL}" --text "${TEXT}" --windows 1 --seq-len 32)
expect_failure("negative seed" "--shuffle-seed must be a non-negative integer"
  calibrate --model "${MODEL}" --text "${TEXT}" --windows 1 --seq-len 32 --shuffle-seed -3 --out "${WORK}/c.h5")
expect_failure("inspect a missing store" "calibration file '${WORK}/none.h5' does not exist"
  inspect --calib "${WORK}/none.h5")
file(REMOVE_RECURSE "${WORK}")
