export default function t(x:number){return x*2}
