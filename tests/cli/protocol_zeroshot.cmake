# basislab-cli eval --protocol (exact values of the three protocols on the demo model), zeroshot
# (exact accuracies of the hand-written task files), compress and sweep with --protocol and
# --zeroshot-tasks, zeroshot on a factored export, and the refusals.
# cmake -DCLI=... -DMODEL=... -DTEXT=... -DTASKS=... -DWORK=... -P protocol_zeroshot.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run expect_rc)
  execute_process(COMMAND "${CLI}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "basislab-cli ${ARGN}\nexited with ${rc} (expected ${expect_rc}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect_json json key want)
  string(JSON got GET "${json}" ${key})
  if(NOT got MATCHES "${want}")
    message(FATAL_ERROR "${key} = ${got}, expected ${want}:\n${json}")
  endif()
endfunction()

# The three protocols on one text (window 256): the README's table.
foreach(case "basislab;6\\.28572[78];7;1785" "basis-sharing;6\\.88093[56];8;1875" "svd-llm;5\\.80038[23];7;1785")
  list(GET case 0 protocol)
  list(GET case 1 ppl)
  list(GET case 2 windows)
  list(GET case 3 scored)
  run(0 eval --model "${MODEL}" --text "${TEXT}" --window 256 --protocol ${protocol} --json --quiet)
  expect_json("${out}" protocol "^${protocol}$")
  expect_json("${out}" ppl "^${ppl}")
  expect_json("${out}" windows "^${windows}$")
  expect_json("${out}" scored_tokens "^${scored}$")
endforeach()
run(1 eval --model "${MODEL}" --text "${TEXT}" --window 256 --protocol basis_sharing)
if(NOT err MATCHES "--protocol: unknown protocol 'basis_sharing' \\(basislab, basis-sharing, svd-llm\\)")
  message(FATAL_ERROR "unknown protocol: ${err}")
endif()

# zeroshot: 6 of 7 (acc), 7 of 7 (acc_norm) and 1 of 4 documents.
set(tasks "${TASKS}/choices.jsonl,${TASKS}/partial.jsonl")
run(0 zeroshot --model "${MODEL}" --tasks "${tasks}" --json --quiet)
set(zs "${out}")
expect_json("${zs}" "tasks;0;task" "^choices$")
expect_json("${zs}" "tasks;0;documents" "^7$")
expect_json("${zs}" "tasks;0;acc" "^0\\.857142857")
expect_json("${zs}" "tasks;0;acc_stderr" "^0\\.142857142")
expect_json("${zs}" "tasks;0;acc_norm" "^1(\\.0)?$")
expect_json("${zs}" "tasks;1;acc" "^0\\.25$")
string(JSON type TYPE "${zs}" tasks 1 acc_norm)  # no acc_norm in WinoGrande's partial scoring
if(NOT type STREQUAL "NULL")
  message(FATAL_ERROR "partial acc_norm is ${type}:\n${zs}")
endif()
expect_json("${zs}" mean_acc "^0\\.553571428")
run(0 zeroshot --model "${MODEL}" --tasks "${tasks}" --quiet)
if(NOT out MATCHES "choices +acc 0\\.8571 ± 0\\.1429  acc_norm 1\\.0000 ± 0\\.0000  \\(7 documents\\)")
  message(FATAL_ERROR "zeroshot text output:\n${out}")
endif()
file(WRITE "${WORK}/bad.jsonl" "{\"context\": \"a\", \"choices\": [\" b\", \" c\"], \"gold\": 0}\n{\"context\": 3}\n")
run(1 zeroshot --model "${MODEL}" --tasks "${WORK}/bad.jsonl")
if(NOT err MATCHES "bad\\.jsonl' line 2: \"context\" must be a string")
  message(FATAL_ERROR "bad task file: ${err}")
endif()
run(1 zeroshot --model "${MODEL}" --tasks "${WORK}/none.jsonl")
if(NOT err MATCHES "--tasks: task file '.*none\\.jsonl' does not exist")
  message(FATAL_ERROR "missing task file: ${err}")
endif()

# compress with a protocol and zero-shot tasks, then zeroshot on its factored export: the same scores.
run(0 calibrate --model "${MODEL}" --text "${TEXT}" --windows 8 --seq-len 64 --out "${WORK}/calib.h5" --quiet)
run(0 compress --model "${MODEL}" --calib "${WORK}/calib.h5" --method basis-sharing --ratio 0.3 --eval-text "${TEXT}"
      --window 64 --max-windows 4 --protocol svd-llm --zeroshot-tasks "${tasks}" --out "${WORK}/factored" --json --quiet)
set(compressed "${out}")
expect_json("${compressed}" protocol "^svd-llm$")
expect_json("${compressed}" windows "^4$")
string(JSON mean GET "${compressed}" zeroshot mean_acc)
string(JSON choices_acc GET "${compressed}" zeroshot tasks 0 acc)
run(0 zeroshot --model "${WORK}/factored" --tasks "${tasks}" --json --quiet)
expect_json("${out}" mean_acc "^${mean}$")
expect_json("${out}" "tasks;0;acc" "^${choices_acc}$")
run(1 compress --model "${MODEL}" --calib "${WORK}/calib.h5" --method svd-llm --ratio 0.3 --protocol svd-llm)
if(NOT err MATCHES "--protocol needs --eval-text")
  message(FATAL_ERROR "protocol without text: ${err}")
endif()

# sweep: the protocol, allocation and update columns, then the zero-shot columns at the end of every row; the dense row has the numbers above.
run(0 sweep --model "${MODEL}" --calib "${WORK}/calib.h5" --methods svd-llm --ratios 0.3 --eval-text "${TEXT}"
      --window 256 --protocol basis-sharing --zeroshot-tasks "${tasks}" --out "${WORK}/sweep.csv" --quiet)
file(STRINGS "${WORK}/sweep.csv" rows)
list(GET rows 0 header)
list(GET rows 1 dense)
list(GET rows 2 svd_llm)
if(NOT header MATCHES ",eval_seconds,protocol,allocation,ranks,params,allocation_objective,update,mean_output_error_before,mean_output_error_after,update_seconds,zeroshot_choices_acc,zeroshot_choices_acc_norm,zeroshot_partial_acc,zeroshot_partial_acc_norm,zeroshot_mean_acc$"
   OR NOT dense MATCHES "^dense,0,-,-,-,0,0,0,6\\.88093[56],.*,basis-sharing,-,-,0,0,-,,,0,0\\.857143,1\\.000000,0\\.250000,,0\\.553571$"
   OR NOT svd_llm MATCHES "^svd-llm,0\\.3,.*,basis-sharing,uniform,[^,]*,[0-9]+,-1,none,,,[0-9.]+,[01]\\.[0-9]+,[01]\\.[0-9]+,[01]\\.[0-9]+,,[01]\\.[0-9]+$")
  message(FATAL_ERROR "sweep.csv:\n${header}\n${dense}\n${svd_llm}")
endif()
