/* iframe-worker 1.0.4's set-up of the worker's iframe (MIT, (c) Martin Donath; see LICENSE), moved
   out of the inline script that shim.js wrote into the iframe, so that it runs under the pages'
   Content-Security-Policy (hooks/trust/csp.py). shim.js loads it first, with the worker's address in
   data-url, then the worker's script; it removes itself, since Material's worker takes the first
   script[src] in the iframe for its own. */
postMessage=function(s,n){parent.postMessage(s,n||"*")};importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};(u=>addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:u,error}))}))(document.currentScript.dataset.url);document.currentScript.remove();
