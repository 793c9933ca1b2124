// 实人认证 (face step). The server draws the liveness challenge: this script opens the camera, asks the page's
// "Begin" handler for an attempt (only then, since each one counts against the day's tries), shows and speaks
// the actions one at a time while it records frames at the attempt's rate, and posts the token and the frames
// to the page's "Complete" handler as an ordinary multipart form, so the answer comes back as a page.
// Also: follows the link to a certified provider's page, completes the attempt the provider returned, and, in
// the sandbox only, answers the challenge with a sample recording. Without this script the page explains that
// the camera is needed and offers the provider (where there is one); nothing here decides anything.
(function () {
  'use strict';

  var care = document.body.classList.contains('care');

  // Just begun at a provider: go there (a link the script follows; the form's own redirect would cross the CSP).
  var follow = document.querySelector('[data-face-follow]');
  if (follow) {
    window.location.replace(follow.href);
    return;
  }

  // Back from the provider: the result is asked for with a POST; the script presses the button at once.
  var returned = document.querySelector('[data-face-provider-return]');
  if (returned) {
    var completeButton = returned.querySelector('button[type=submit]');
    returned.querySelector('[data-face-provider-status]').textContent = '正在确认核身结果，请稍候……';
    returned.addEventListener('submit', function () { completeButton.disabled = true; });
    completeButton.click();
    return;
  }

  var box = document.querySelector('[data-face]');
  if (!box) { return; }
  var form = box.querySelector('[data-face-form]');
  var tokenInput = form.querySelector('[data-face-token]');
  var framesInput = form.querySelector('[data-face-frames]');
  var stage = form.querySelector('[data-face-stage]');
  var video = form.querySelector('video');
  var canvas = form.querySelector('canvas');
  var prompt = form.querySelector('[data-face-prompt]');
  var progress = form.querySelector('[data-face-progress]');
  var count = form.querySelector('[data-face-count]');
  var bar = form.querySelector('[data-face-bar]');
  var list = form.querySelector('[data-face-actions]');
  var openButton = form.querySelector('[data-face-open]');
  var beginButton = form.querySelector('[data-face-begin]');
  var status = form.querySelector('[data-face-status]');
  var noCamera = box.querySelector('[data-face-no-camera]');
  var elsewhere = box.getAttribute('data-elsewhere') || '';
  var sandbox = document.querySelector('[data-face-sandbox]');
  var sandboxButton = document.querySelector('[data-face-sandbox-clip]');
  var error = document.getElementById('capture-error');
  var beginUrl = window.location.pathname + '?handler=Begin';
  var stream = null;
  var busy = false;

  // Seconds per action: time to turn slowly and come back; care mode (长辈版) gives more.
  var timing = care
    ? { countdown: 3, lead: 1500, perAction: 4000, tail: 1200 }
    : { countdown: 3, lead: 1000, perAction: 2500, tail: 800 };
  var uploadMargin = 8000; // stop recording this long before the attempt expires, to leave time to send it
  var longestSide = 640;

  var canSubmitFiles = typeof DataTransfer !== 'undefined' && typeof File !== 'undefined' && typeof FormData !== 'undefined' && !!window.fetch;
  var canRecord = canSubmitFiles && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) && !!canvas.toBlob;

  if (error && error.textContent.trim()) { error.focus(); }
  if (sandbox && canSubmitFiles) { sandbox.hidden = false; }
  if (canRecord) {
    noCamera.hidden = true;
    openButton.hidden = false;
  }

  function showError(message) {
    if (!error) { status.textContent = message; return; }
    error.textContent = message;
    error.classList.remove('field-validation-valid');
    error.classList.add('field-validation-error');
    error.focus();
  }

  function clearError() {
    if (error) { error.textContent = ''; }
  }

  function setBusy(on) {
    busy = on;
    openButton.disabled = on;
    beginButton.disabled = on;
    if (sandboxButton) { sandboxButton.disabled = on; }
  }

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.srcObject = null;
  }

  // Speech (zh-CN) where the browser has it; a browser with voices but no Chinese one stays silent rather than
  // reading the prompt in another language.
  function speak(text) {
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance === 'undefined') { return; }
    try {
      var voices = synth.getVoices() || [];
      var chinese = voices.filter(function (v) { return /^zh([-_]CN|[-_]Hans|$)/i.test(v.lang); })[0]
        || voices.filter(function (v) { return /^zh/i.test(v.lang); })[0];
      if (voices.length && !chinese) { return; }
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = 'zh-CN';
      utterance.rate = care ? 0.8 : 1;
      if (chinese) { utterance.voice = chinese; }
      synth.speak(utterance);
    } catch (e) { /* speech is a help, never needed */ }
  }

  function say(text, spoken) {
    prompt.textContent = text;
    if (spoken) { speak(text); }
  }

  openButton.addEventListener('click', function () {
    if (busy) { return; }
    clearError();
    setBusy(true);
    status.textContent = '正在打开摄像头……';
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        stage.hidden = false;
        return video.play();
      })
      .then(function () {
        setBusy(false);
        openButton.hidden = true;
        beginButton.hidden = false;
        noCamera.hidden = true;
        say('请正对镜头，把面部放在框内', false);
        status.textContent = '摄像头已打开。请正对镜头，准备好后点击“开始认证”。';
        beginButton.focus();
      })
      .catch(function () {
        stopCamera();
        stage.hidden = true;
        setBusy(false);
        status.textContent = '';
        noCamera.textContent = '无法打开摄像头（可能未允许本网站使用摄像头，或设备没有可用的摄像头）。实人认证需要使用摄像头按提示实时完成动作，不能上传照片代替。请在浏览器设置中允许使用摄像头后重试；' + elsewhere;
        noCamera.hidden = false;
      });
  });

  // Draws a challenge: answered with the actions, the frame rate and the time left (by the server's clock).
  function beginAttempt() {
    var data = new FormData();
    data.append('channel', 'camera');
    // The form's antiforgery field (named in Program.cs).
    var antiforgery = form.querySelector('input[name=__antiforgery]');
    if (antiforgery) { data.append(antiforgery.name, antiforgery.value); }
    return fetch(beginUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok && body.token) {
            body.receivedAt = performance.now();
            return body;
          }
          if (body.location) { window.location.assign(body.location); }
          throw new Error(body.message || '暂时无法开始认证，请稍后重试。');
        });
      });
  }

  function millisecondsLeft(attempt) {
    return attempt.millisecondsLeft - (performance.now() - attempt.receivedAt);
  }

  function showActions(actions) {
    list.textContent = '';
    actions.forEach(function (action) {
      var item = document.createElement('li');
      item.textContent = action.prompt;
      item.setAttribute('data-code', action.code);
      list.appendChild(item);
    });
  }

  function markAction(index) {
    Array.prototype.forEach.call(list.children, function (item, i) {
      item.classList.toggle('done', i < index);
      item.classList.toggle('current', i === index);
      if (i === index) { item.setAttribute('aria-current', 'step'); } else { item.removeAttribute('aria-current'); }
    });
  }

  function submit(token, files) {
    tokenInput.value = token;
    framesInput.files = files;
    say('正在认证，请稍候……', false);
    status.textContent = '已完成，正在认证，请稍候……';
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  function fail(message) {
    stopCamera();
    setBusy(false);
    progress.hidden = true;
    stage.hidden = true;
    beginButton.hidden = true;
    openButton.hidden = !canRecord;
    status.textContent = '';
    showError(message);
  }

  function countdown(seconds) {
    return new Promise(function (resolve) {
      var left = seconds;
      (function next() {
        if (left === 0) { resolve(); return; }
        say('请正对镜头，' + left + ' 秒后开始', left === seconds);
        left -= 1;
        setTimeout(next, 1000);
      })();
    });
  }

  // Records at a steady rate (the n-th frame at n × 1000 / fps ms) while the prompts run: a short rest facing
  // the camera, each action for its share of time, then back to rest; never past MaxFrames or the expiry.
  function record(attempt) {
    return new Promise(function (resolve, reject) {
      var fps = attempt.framesPerSecond || 10;
      var interval = 1000 / fps;
      var actions = attempt.actions || [];
      var segments = [{ text: '请正对镜头，保持不动', until: timing.lead, action: -1 }];
      actions.forEach(function (action, i) {
        segments.push({ text: action.prompt, until: timing.lead + (i + 1) * timing.perAction, action: i });
      });
      var planned = timing.lead + actions.length * timing.perAction + timing.tail;
      segments.push({ text: '很好，请保持正对镜头', until: planned, action: actions.length });
      var duration = Math.min(planned, millisecondsLeft(attempt) - uploadMargin, (attempt.maxFrames || 300) * interval);
      if (duration < (attempt.minFrames || 0) * interval) {
        reject(new Error('认证时间已不足，请重新开始认证。'));
        return;
      }

      var width = video.videoWidth, height = video.videoHeight;
      var scale = Math.min(1, longestSide / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      var context = canvas.getContext('2d');
      var blobs = [];
      var shown = -1;
      var taken = 0;
      var start = performance.now();
      var interrupted = false;
      function onHidden() { if (document.hidden) { interrupted = true; } }
      document.addEventListener('visibilitychange', onHidden);
      progress.hidden = false;

      (function tick() {
        var elapsed = performance.now() - start;
        if (interrupted) {
          document.removeEventListener('visibilitychange', onHidden);
          reject(new Error('认证过程中离开了本页面，已中断，请重新开始认证。'));
          return;
        }
        if (elapsed >= duration || taken >= (attempt.maxFrames || 300)) {
          document.removeEventListener('visibilitychange', onHidden);
          bar.value = 100;
          Promise.all(blobs).then(resolve, reject);
          return;
        }
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        blobs.push(new Promise(function (done) { canvas.toBlob(done, 'image/jpeg', 0.85); }));
        taken += 1;

        var segment = 0;
        while (segment < segments.length - 1 && elapsed >= segments[segment].until) { segment += 1; }
        if (segment !== shown) {
          shown = segment;
          var current = segments[segment];
          say(current.text, true);
          markAction(current.action);
          count.textContent = current.action >= 0 && current.action < actions.length
            ? '第 ' + (current.action + 1) + ' 个动作，共 ' + actions.length + ' 个'
            : (current.action < 0 ? '准备' : '动作已全部完成');
        }
        bar.value = Math.round(elapsed / duration * 100);
        setTimeout(tick, Math.max(0, taken * interval - (performance.now() - start)));
      })();
    });
  }

  beginButton.addEventListener('click', function () {
    if (busy || !stream) { return; }
    clearError();
    setBusy(true);
    beginButton.hidden = true;
    status.textContent = '正在抽取认证动作……';
    var drawn = null;
    beginAttempt()
      .then(function (attempt) {
        drawn = attempt;
        showActions(attempt.actions || []);
        markAction(-1);
        progress.hidden = false;
        count.textContent = '本次共 ' + (attempt.actions || []).length + ' 个动作，请按大字提示完成';
        bar.value = 0;
        status.textContent = '';
        return countdown(timing.countdown);
      })
      .then(function () { return record(drawn); })
      .then(function (blobs) {
        stopCamera();
        var transfer = new DataTransfer();
        blobs.forEach(function (blob, i) {
          if (blob) { transfer.items.add(new File([blob], 'frame' + ('000' + i).slice(-3) + '.jpg', { type: 'image/jpeg' })); }
        });
        submit(drawn.token, transfer.files);
      })
      .catch(function (e) { fail(e && e.message ? e.message : '认证未完成，请重新开始。'); });
  });

  // Sandbox only: the sample recording that performs the drawn challenge, sent the same way as the camera's frames.
  function framesOf(clip) {
    var transfer = new DataTransfer();
    (clip.frames || []).forEach(function (url, i) {
      var binary = atob(url.slice(url.indexOf(',') + 1));
      var bytes = new Uint8Array(binary.length);
      for (var k = 0; k < binary.length; k++) { bytes[k] = binary.charCodeAt(k); }
      transfer.items.add(new File([bytes], 'frame' + ('000' + i).slice(-3) + '.jpg', { type: 'image/jpeg' }));
    });
    return transfer.files;
  }

  if (sandboxButton) {
    sandboxButton.addEventListener('click', function () {
      if (busy) { return; }
      clearError();
      setBusy(true);
      stopCamera();
      stage.hidden = true;
      status.textContent = '沙箱：正在抽取认证动作……';
      var drawn = null;
      beginAttempt()
        .then(function (attempt) {
          drawn = attempt;
          status.textContent = '沙箱：示例视频正在完成“' + (attempt.actions || []).map(function (a) { return a.prompt; }).join('”“') + '”……';
          return fetch('/sandbox/liveness-clip?token=' + encodeURIComponent(attempt.token), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            if (!response.ok) { throw new Error(body.detail || body.title || '沙箱示例视频不可用，请重新开始认证。'); }
            return body;
          });
        })
        .then(function (clip) { submit(drawn.token, framesOf(clip)); })
        .catch(function (e) { fail(e && e.message ? e.message : '沙箱示例视频不可用，请重新开始认证。'); });
    });
  }
})();
