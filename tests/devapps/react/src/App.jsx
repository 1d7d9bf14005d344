import { useState } from 'react';

function Signup({ onJoin }) {
  return (
    <form className="signup" onSubmit={(e) => { e.preventDefault(); onJoin(); }}>
      <input className="email" placeholder="you@example.com" />
      <button className="btn" type="submit">Subscribe</button>
    </form>
  );
}

export default function App() {
  const [joined, setJoined] = useState(false);
  return (
    <main className="hero">
      <h1>Weekly news</h1>
      <Signup onJoin={() => setJoined(true)} />
      <button className="btn" type="button">Learn more</button>
      {joined && <p>Thanks!</p>}
    </main>
  );
}
